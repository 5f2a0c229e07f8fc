using AgentPlatform.DaprSidecar.Actors;
using AgentPlatform.DaprSidecar.Components;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.PubSub;
using AgentPlatform.DaprSidecar.Secrets;
using AgentPlatform.DaprSidecar.State;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>What the sidecars of one cluster share: the SQLite file (state, actor state, reminders), the broker,
/// placement and turns, the reminder scheduler, secrets and the fault switches.</summary>
internal sealed class ClusterRuntime : IAsyncDisposable
{
    private IReadOnlyList<Sidecar> _sidecars = [];

    public ClusterRuntime(DaprTestClusterOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Log = options.LoggerFactory.CreateLogger("AgentPlatform.DaprSidecar");
        Components = new ComponentSet(options.Components);
        Database = new SidecarDatabase(options.DataDirectory);
        State = new StateStore(Database, Faults, Time);
        Reminders = new ReminderStore(Database);
        Secrets = new SecretStores(Components, options.Secrets, options.ComponentsWorkingDirectory);
        Actors = new ActorDirector(this);
        Scheduler = new ReminderScheduler(this);
        Broker = new PubSubBroker(this);
    }

    public DaprTestClusterOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    public ComponentSet Components { get; }

    public SidecarDatabase Database { get; }

    public StateStore State { get; }

    public ReminderStore Reminders { get; }

    public SecretStores Secrets { get; }

    public ActorDirector Actors { get; }

    public ReminderScheduler Scheduler { get; }

    public PubSubBroker Broker { get; }

    public DaprFaults Faults { get; } = new();

    /// <summary>The sidecars, indexed by replica.</summary>
    public IReadOnlyList<Sidecar> Sidecars => _sidecars;

    /// <summary>Sets the sidecars once, and starts the actor and reminder loops.</summary>
    public void Start(IReadOnlyList<Sidecar> sidecars)
    {
        _sidecars = sidecars;
        Actors.Start();
        Scheduler.Start();
    }

    /// <summary>A replica's app answered and reported its actor types and subscriptions.</summary>
    public void OnReplicaReady(Sidecar sidecar)
    {
        Broker.OnReplicaReady(sidecar);
        Scheduler.Wake();
    }

    /// <summary>A replica can no longer be called: its actors move on their next call.</summary>
    public void OnReplicaGone(Sidecar sidecar)
    {
        Actors.EvictReplica(sidecar.Replica);
        Scheduler.Wake();
    }

    /// <summary>Stops one sidecar's listeners and starts them again on the same ports; persisted state stays.</summary>
    public async Task RestartSidecarAsync(int replica, CancellationToken cancellationToken)
    {
        var sidecar = Sidecars[replica];
        await sidecar.StopAsync();
        await sidecar.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync();
        await Broker.DisposeAsync();
        await Actors.DisposeAsync();
        Database.Dispose();
    }
}
