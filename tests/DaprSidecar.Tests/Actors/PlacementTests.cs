using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr.Actors;
using Dapr.Actors.Client;
using Xunit.Abstractions;

namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>Two app replicas behind two sidecars of one cluster: one host per actor, reachable from either sidecar, moved
/// with its state and reminders when its replica stops answering, is lost, or its sidecar restarts.</summary>
public sealed class PlacementTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Recorder _recorder = new();
    private readonly TestApp?[] _apps = new TestApp?[2];
    private DaprTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var options = new DaprTestClusterOptions { LoggerFactory = TestOutputLoggerProvider.Factory(output), DataDirectory = _data.Path, AppConnectTimeout = TimeSpan.FromSeconds(1) };
        foreach (var port in FreePorts.Take(2))
        {
            options.AppPorts.Add(port);
        }

        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        for (var replica = 0; replica < 2; replica++)
        {
            _apps[replica] = await ActorApp.StartAsync(_cluster.Sidecars[replica], _recorder, TestTimeout.After());
        }

        await _cluster.WaitForAppsAsync(TestTimeout.After());
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_actor_has_one_host_whichever_sidecar_is_called()
    {
        var token = TestTimeout.After();

        var viaFirst = await Proxy("p", through: 0).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token);
        var viaSecond = await Proxy("p", through: 1).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token);

        Assert.Equal(viaFirst, viaSecond);
        Assert.Equal($"replica-{_cluster.HostOf(CounterActor.TypeName, "p")}", viaFirst);
        Assert.Single(_recorder.Entries, entry => entry.StartsWith("activate:p:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Actors_are_spread_over_the_replicas_that_host_their_type()
    {
        var token = TestTimeout.After();
        var hosts = new HashSet<string>();
        for (var i = 0; i < 16; i++)
        {
            hosts.Add(await Proxy($"spread-{i}", through: 0).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token));
        }

        Assert.Equal(["replica-0", "replica-1"], hosts.Order());
    }

    [Fact]
    public async Task When_the_host_stops_answering_the_actor_moves_with_its_state_and_reminders()
    {
        var token = TestTimeout.After();
        await Proxy("mover", through: 0).InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 5, token);
        await Proxy("mover", through: 0).InvokeMethodAsync(nameof(ICounterActor.Remind), new ReminderSpec("beat", "b", 200, 200), token);
        var host = _cluster.HostOf(CounterActor.TypeName, "mover")!.Value;
        var other = 1 - host;

        await _apps[host]!.DisposeAsync();
        _apps[host] = null;

        Assert.Equal($"replica-{other}", await Proxy("mover", through: host).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token));
        Assert.Equal(other, _cluster.HostOf(CounterActor.TypeName, "mover"));
        await _recorder.WaitForAsync(entries => entries.Contains($"remind:mover:beat:b:replica-{other}"), token);
        Assert.True(await Proxy("mover", through: other).InvokeMethodAsync<int>(nameof(ICounterActor.Get), token) >= 6);
    }

    [Fact]
    public async Task A_lost_replica_gets_no_calls_until_it_is_restored_and_its_app_drops_its_actors()
    {
        var token = TestTimeout.After();
        var onReplicaOne = await ActivateOnAsync(1, token);
        var hosts = new List<string>();
        _cluster.LoseReplica(1);
        await _recorder.WaitForAsync(entries => entries.Contains($"deactivate:{onReplicaOne}:replica-1"), token);
        Assert.Equal("replica-0", await Proxy(onReplicaOne, through: 1).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token));
        for (var i = 0; i < 8; i++)
        {
            hosts.Add(await Proxy($"lost-{i}", through: 1).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token));
        }

        Assert.All(hosts, host => Assert.Equal("replica-0", host));

        _cluster.RestoreReplica(1);
        var afterwards = new HashSet<string>();
        for (var i = 0; i < 16; i++)
        {
            afterwards.Add(await Proxy($"restored-{i}", through: 0).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token));
        }

        Assert.Contains("replica-1", afterwards);
    }

    [Fact]
    public async Task A_restarted_sidecar_serves_again_on_the_same_ports_with_state_kept()
    {
        var token = TestTimeout.After();
        await Proxy("survivor", through: 0).InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 3, token);
        var ports = _cluster.Sidecars[0];

        await _cluster.RestartSidecarAsync(0, token);
        await _cluster.WaitForAppAsync(0, token);

        Assert.Equal(ports, _cluster.Sidecars[0]);
        Assert.Equal(3, await Proxy("survivor", through: 0).InvokeMethodAsync<int>(nameof(ICounterActor.Get), token));
    }

    private async Task<string> ActivateOnAsync(int replica, CancellationToken token)
    {
        for (var i = 0; ; i++)
        {
            var id = $"on-{replica}-{i}";
            if (await Proxy(id, through: 0).InvokeMethodAsync<string>(nameof(ICounterActor.Replica), token) == $"replica-{replica}")
            {
                return id;
            }
        }
    }

    private ActorProxy Proxy(string id, int through) => ActorProxy.Create(
        new ActorId(id), CounterActor.TypeName, new ActorProxyOptions { HttpEndpoint = _cluster.Sidecars[through].HttpEndpoint.ToString().TrimEnd('/') });
}
