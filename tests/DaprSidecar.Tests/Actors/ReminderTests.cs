using System.Net;
using System.Text;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr.Actors;
using Dapr.Actors.Client;
using Xunit.Abstractions;

namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>Reminders registered by Dapr.Actors: fired with their data, persisted across app restarts and a new cluster,
/// limited by repetitions, with daprd's duration rules and status codes.</summary>
public sealed class ReminderTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Recorder _recorder = new();
    private readonly int _appPort = FreePorts.TakeOne();
    private DaprTestCluster _cluster = null!;
    private TestApp? _app;

    private SidecarEndpoints Sidecar => _cluster.Sidecars[0];

    public Task InitializeAsync() => StartAsync(TimeProvider.System);

    public async Task DisposeAsync()
    {
        await StopAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_reminder_fires_with_its_data_again_and_again()
    {
        var token = TestTimeout.After();
        await Proxy("r").InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("ping", "payload", 0, 50), token);

        await _recorder.WaitForAsync(entries => entries.Count(entry => entry == "remind:r:ping:payload:replica-0") >= 2, token);
    }

    [Fact]
    public async Task A_reminder_keeps_firing_after_the_app_restarts()
    {
        var token = TestTimeout.After();
        await Proxy("durable").InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("wake", "w", 0, 100), token);
        await _recorder.WaitForAsync(entries => entries.Contains("remind:durable:wake:w:replica-0"), token);

        await _app!.DisposeAsync();
        _recorder.Add("app-restarted");
        _app = await ActorApp.StartAsync(Sidecar, _recorder, token);

        await _recorder.WaitForAsync(entries => entries.Skip(entries.ToList().IndexOf("app-restarted")).Contains("remind:durable:wake:w:replica-0"), token);
    }

    [Fact]
    public async Task Reminders_and_actor_state_survive_a_new_cluster_on_the_same_data_directory()
    {
        var token = TestTimeout.After();
        await Proxy("kept").InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 10, token);
        await Proxy("kept").InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("later", "l", 300, 60_000), token);
        await StopAsync();

        await StartAsync(TimeProvider.System);

        await _recorder.WaitForAsync(entries => entries.Contains("remind:kept:later:l:replica-0"), token);
        Assert.Equal(11, await Proxy("kept").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
    }

    [Fact]
    public async Task A_reminder_with_repetitions_fires_that_many_times_and_is_then_gone()
    {
        var token = TestTimeout.After();
        await StopAsync();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await StartAsync(time);

        await Proxy("thrice").InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("r", "x", 0, 1_000, 3), token);
        for (var fire = 1; fire <= 3; fire++)
        {
            await _recorder.WaitForAsync(entries => entries.Count(entry => entry.StartsWith("remind:thrice:", StringComparison.Ordinal)) == fire, token);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // The scheduler deletes the reminder right after the app acknowledged its last fire; poll the API until it has.
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };
        while ((await http.GetAsync("/v1.0/actors/counter/thrice/reminders/r", token)).StatusCode != HttpStatusCode.NotFound)
        {
            await Task.Yield();
        }

        Assert.Equal(3, await Proxy("thrice").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
    }

    [Fact]
    public async Task The_duplicate_fault_delivers_one_reminder_fire_twice()
    {
        var token = TestTimeout.After();
        _cluster.Faults.DuplicateReminderFires(1);

        await Proxy("dup").InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("once", "o", 0, -1), token);

        await _recorder.WaitForAsync(entries => entries.Count(entry => entry == "remind:dup:once:o:replica-0") == 2, token);
        Assert.Equal(2, await Proxy("dup").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
    }

    [Fact]
    public async Task The_reminder_API_answers_with_daprds_codes_and_duration_rules()
    {
        var token = TestTimeout.After();
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };

        Assert.Equal(HttpStatusCode.NoContent, (await Put(http, "/v1.0/actors/counter/api/reminders/r", """{"dueTime":"1h","period":"R2/PT1H","ttl":"48h","data":{"k":1}}""", token)).StatusCode);
        var stored = await http.GetStringAsync("/v1.0/actors/counter/api/reminders/r", token);
        Assert.Contains("\"period\":\"R2/PT1H\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"k\":1}", stored, StringComparison.Ordinal);

        var days = await Put(http, "/v1.0/actors/counter/api/reminders/d", """{"dueTime":"1h","period":"P1D"}""", token);
        Assert.Equal(HttpStatusCode.InternalServerError, days.StatusCode);
        Assert.Contains("ERR_ACTOR_REMINDER_CREATE", await days.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await Put(http, "/v1.0/actors/counter/api/reminders/r", """{"dueTime":"1h","overwrite":false}""", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(http, "/v1.0/actors/not-hosted/api/reminders/r", """{"dueTime":"1h"}""", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1.0/actors/counter/api/reminders/missing", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/v1.0/actors/counter/api/reminders/r", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1.0/actors/counter/api/reminders/r", token)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Put(HttpClient http, string path, string json, CancellationToken token)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await http.PutAsync(path, content, token);
    }

    private ActorProxy Proxy(string id) =>
        ActorProxy.Create(new ActorId(id), CounterActor.TypeName, new ActorProxyOptions { HttpEndpoint = Sidecar.HttpEndpoint.ToString().TrimEnd('/') });

    private async Task StartAsync(TimeProvider time)
    {
        var options = new DaprTestClusterOptions { LoggerFactory = TestOutputLoggerProvider.Factory(output), DataDirectory = _data.Path, TimeProvider = time, ReminderRetryInterval = TimeSpan.FromMilliseconds(50) };
        options.AppPorts.Add(_appPort);
        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        _app = await ActorApp.StartAsync(Sidecar, _recorder, TestTimeout.After());
        await _cluster.WaitForAppsAsync(TestTimeout.After());
    }

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        await _cluster.DisposeAsync();
    }
}
