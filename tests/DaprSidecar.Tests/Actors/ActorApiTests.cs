using System.Net;
using System.Text;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>The unmodified Dapr.Actors proxy and Dapr.Actors.AspNetCore runtime against one sidecar of the double.</summary>
public sealed class ActorApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Recorder _recorder = new();
    private readonly Gate _gate = new();
    private DaprTestCluster _cluster = null!;
    private TestApp _app = null!;

    private SidecarEndpoints Sidecar => _cluster.Sidecars[0];

    public async Task InitializeAsync()
    {
        var options = new DaprTestClusterOptions { DataDirectory = _data.Path, ActorIdleTimeout = TimeSpan.FromMilliseconds(300), IdleScanInterval = TimeSpan.FromMilliseconds(50) };
        options.AppPorts.Add(FreePorts.TakeOne());
        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        _app = await ActorApp.StartAsync(Sidecar, _recorder, TestTimeout.After(), gate: _gate);
        await _cluster.WaitForAppsAsync(TestTimeout.After());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_proxy_call_activates_the_actor_in_the_app_and_its_state_is_kept()
    {
        var actor = Proxy("a");

        Assert.Equal(2, await actor.InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 2, TestTimeout.After()));
        Assert.Equal(5, await actor.InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 3, TestTimeout.After()));

        Assert.Equal(5, await actor.InvokeMethodAsync<int>(nameof(ICounterActor.Get), TestTimeout.After()));
        Assert.Equal(1, _recorder.Count("activate:a:replica-0"));
    }

    [Fact]
    public async Task A_method_that_throws_reaches_the_caller_as_ERR_ACTOR_INVOKE_METHOD()
    {
        var error = await Assert.ThrowsAsync<DaprApiException>(() => Proxy("a").InvokeMethodAsync(nameof(ICounterActor.Fail), TestTimeout.After()));

        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", error.ErrorCode);
    }

    [Fact]
    public async Task Concurrent_calls_to_one_actor_run_one_turn_at_a_time()
    {
        var token = TestTimeout.After();
        var calls = Enumerable.Range(0, 4)
            .SelectMany(_ => new[] { Proxy("x"), Proxy("y") })
            .Select(actor => actor.InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 1, token));
        await Task.WhenAll(calls);

        foreach (var id in new[] { "x", "y" })
        {
            var turns = _recorder.Entries.Where(entry => entry.EndsWith($":{id}", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => new[] { $"enter:{id}", $"exit:{id}" }), turns);
        }

        Assert.Equal(4, await Proxy("x").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
    }

    [Fact]
    public async Task A_held_turn_blocks_its_own_actor_only()
    {
        var token = TestTimeout.After();
        var held = Proxy("held").InvokeMethodAsync(nameof(ICounterActor.Hold), token);
        await _recorder.WaitForAsync(entries => entries.Contains("hold:held"), token);
        var queued = Proxy("held").InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 1, token);

        Assert.Equal(1, await Proxy("free").InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 1, token));
        Assert.DoesNotContain("enter:held", _recorder.Entries);

        _gate.Open();
        await held;
        Assert.Equal(1, await queued);
        var entries = _recorder.Entries.ToList();
        Assert.True(entries.IndexOf("release:held") < entries.IndexOf("enter:held"));
    }

    [Fact]
    public async Task An_idle_actor_is_deactivated_and_comes_back_with_its_state()
    {
        var token = TestTimeout.After();
        await Proxy("idle").InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 7, token);

        await _recorder.WaitForAsync(entries => entries.Contains("deactivate:idle:replica-0"), token);
        Assert.Null(_cluster.HostOf(CounterActor.TypeName, "idle"));

        Assert.Equal(7, await Proxy("idle").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
        Assert.Equal(2, _recorder.Count("activate:idle:replica-0"));
    }

    [Fact]
    public async Task A_timer_calls_back_into_the_activation_with_its_data()
    {
        var token = TestTimeout.After();
        await Proxy("ticker").InvokeMethodAsync(nameof(ICounterActor.StartTicking), 30, token);

        await _recorder.WaitForAsync(entries => entries.Count(entry => entry == "tick:ticker:tock:replica-0") >= 3, token);
        Assert.True(await Proxy("ticker").InvokeMethodAsync<int>(nameof(ICounterActor.Get), token) >= 3);
    }

    [Fact]
    public async Task Actor_state_cannot_be_written_for_an_actor_that_is_not_active_here()
    {
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };
        using var body = new StringContent("""[{"operation":"upsert","request":{"key":"count","value":1}}]""", Encoding.UTF8, "application/json");

        using var response = await http.PutAsync("/v1.0/actors/counter/never-called/state", body, TestTimeout.After());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ERR_ACTOR_INSTANCE_MISSING", await response.Content.ReadAsStringAsync(TestTimeout.After()), StringComparison.Ordinal);
    }

    private ActorProxy Proxy(string id) =>
        ActorProxy.Create(new ActorId(id), CounterActor.TypeName, new ActorProxyOptions { HttpEndpoint = Sidecar.HttpEndpoint.ToString().TrimEnd('/') });
}
