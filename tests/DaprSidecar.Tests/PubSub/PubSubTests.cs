using System.Net;
using System.Net.Http.Json;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr.Client;
using Xunit.Abstractions;

namespace AgentPlatform.DaprSidecar.Tests.PubSub;

/// <summary>DaprClient publishes, a Dapr.AspNetCore app on two replicas subscribes; the double delivers CloudEvents with
/// daprd's SUCCESS / RETRY / DROP rules, dead letters, and per-component consumer groups.</summary>
public sealed class PubSubTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Attempts = 3;

    private readonly TempDirectory _data = new();
    private readonly Recorder _recorder = new();
    private readonly List<TestApp> _apps = [];
    private DaprTestCluster _cluster = null!;
    private DaprClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = new DaprTestClusterOptions
        {
            LoggerFactory = TestOutputLoggerProvider.Factory(output),
            DataDirectory = _data.Path,
            PubSubMaxAttempts = Attempts,
            PubSubInitialBackoff = TimeSpan.FromMilliseconds(10),
        };
        foreach (var port in FreePorts.Take(2))
        {
            options.AppPorts.Add(port);
        }

        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        foreach (var sidecar in _cluster.Sidecars)
        {
            _apps.Add(await PubSubApp.StartAsync(sidecar, _recorder, TestTimeout.After()));
        }

        await _cluster.WaitForAppsAsync(TestTimeout.After());
        _client = new DaprClientBuilder().UseGrpcEndpoint(_cluster.Sidecars[0].GrpcEndpoint.ToString()).Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_event_the_app_acknowledges_is_delivered_once()
    {
        var token = TestTimeout.After();
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("o1", "ok"), token);
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("o2", "ok"), token);

        await _recorder.WaitForAsync(entries => entries.Contains("order:o2"), token);
        Assert.Equal(1, _recorder.Count("order:o1"));
        Assert.DoesNotContain("dead:o1", _recorder.Entries);
    }

    [Fact]
    public async Task RETRY_delivers_again_and_then_SUCCESS_ends_it()
    {
        var token = TestTimeout.After();
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("r1", "retry-once"), token);
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("after", "ok"), token);

        await _recorder.WaitForAsync(entries => entries.Contains("order:after"), token);
        Assert.Equal(2, _recorder.Count("order:r1"));
        Assert.DoesNotContain("dead:r1", _recorder.Entries);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("gone")]
    public async Task DROP_or_a_404_sends_the_event_to_the_dead_letter_topic_without_retrying(string behavior)
    {
        var token = TestTimeout.After();
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("d1", behavior), token);

        await _recorder.WaitForAsync(entries => entries.Contains("dead:d1"), token);
        Assert.Equal(1, _recorder.Count("order:d1"));
    }

    [Fact]
    public async Task Failures_are_retried_with_back_off_until_attempts_run_out_then_dead_lettered()
    {
        var token = TestTimeout.After();
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("f1", "fail"), token);

        await _recorder.WaitForAsync(entries => entries.Contains("dead:f1"), token);
        Assert.Equal(Attempts, _recorder.Count("order:f1"));
    }

    [Fact]
    public async Task Replicas_compete_on_pubsub_but_each_gets_every_event_on_pubsub_broadcast()
    {
        var token = TestTimeout.After();
        var ids = Enumerable.Range(0, 6).Select(i => $"e{i}").ToList();
        foreach (var id in ids)
        {
            await _client.PublishEventAsync("pubsub", PubSubApp.Competing, new Order(id, "ok"), token);
            await _client.PublishEventAsync("pubsub-broadcast", PubSubApp.Broadcast, new Order(id, "ok"), token);
        }

        await _recorder.WaitForAsync(entries =>
            entries.Count(entry => entry.StartsWith("competing:", StringComparison.Ordinal)) == ids.Count
            && entries.Count(entry => entry.StartsWith("broadcast:", StringComparison.Ordinal)) == 2 * ids.Count, token);
        foreach (var id in ids)
        {
            Assert.Single(_recorder.Entries, entry => entry.StartsWith($"competing:{id}:", StringComparison.Ordinal));
            Assert.Contains($"broadcast:{id}:replica-0", _recorder.Entries);
            Assert.Contains($"broadcast:{id}:replica-1", _recorder.Entries);
        }

        Assert.Contains(_recorder.Entries, entry => entry.StartsWith("competing:", StringComparison.Ordinal) && entry.EndsWith(":replica-0", StringComparison.Ordinal));
        Assert.Contains(_recorder.Entries, entry => entry.StartsWith("competing:", StringComparison.Ordinal) && entry.EndsWith(":replica-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Routing_rules_match_on_CloudEvent_fields_before_the_default_route()
    {
        var token = TestTimeout.After();
        await _client.PublishEventAsync("pubsub", PubSubApp.Routed, new Order("u1", "ok"), new Dictionary<string, string> { ["cloudevent.type"] = "urgent" }, token);
        await _client.PublishEventAsync("pubsub", PubSubApp.Routed, new Order("n1", "ok"), token);

        await _recorder.WaitForAsync(entries => entries.Contains("urgent:u1") && entries.Contains("routine:n1"), token);
        Assert.DoesNotContain("routine:u1", _recorder.Entries);
    }

    [Fact]
    public async Task Events_published_over_HTTP_are_delivered_the_same_way()
    {
        var token = TestTimeout.After();
        using var http = new HttpClient { BaseAddress = _cluster.Sidecars[1].HttpEndpoint };

        using var published = await http.PostAsJsonAsync($"/v1.0/publish/pubsub/{PubSubApp.Orders}", new Order("h1", "ok"), token);
        using var unknown = await http.PostAsJsonAsync("/v1.0/publish/nope/t", new Order("h2", "ok"), token);

        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await _recorder.WaitForAsync(entries => entries.Contains("order:h1"), token);
    }

    [Fact]
    public async Task The_redelivery_fault_delivers_an_acknowledged_event_again()
    {
        var token = TestTimeout.After();
        _cluster.Faults.RedeliverEvents(1);
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("twice", "ok"), token);
        await _client.PublishEventAsync("pubsub", PubSubApp.Orders, new Order("once", "ok"), token);

        await _recorder.WaitForAsync(entries => entries.Contains("order:once"), token);
        Assert.Equal(2, _recorder.Count("order:twice"));
        Assert.Equal(1, _recorder.Count("order:once"));
    }
}
