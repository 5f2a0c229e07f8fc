using AgentPlatform.DaprSidecar.Hosting;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>A running daprd double for one app id: one sidecar (HTTP + gRPC port on 127.0.0.1) per app replica, sharing
/// state, broker, placement and reminders, with fault switches for tests.</summary>
public sealed class DaprTestCluster : IAsyncDisposable
{
    private readonly ClusterRuntime _runtime;
    private readonly IReadOnlyList<Sidecar> _sidecars;

    private DaprTestCluster(ClusterRuntime runtime, IReadOnlyList<Sidecar> sidecars)
    {
        _runtime = runtime;
        _sidecars = sidecars;
    }

    /// <summary>Where each app replica finds its sidecar, and the environment to start it with; indexed by replica.</summary>
    public IReadOnlyList<SidecarEndpoints> Sidecars => _sidecars.Select(sidecar => sidecar.Endpoints).ToList();

    /// <summary>The fault switches.</summary>
    public DaprFaults Faults => _runtime.Faults;

    /// <summary>The SQLite file that holds state, actor state and reminders.</summary>
    public string DatabasePath => _runtime.Database.Path;

    /// <summary>Starts the sidecars; they answer at once, and read the app's <c>/dapr/config</c> and
    /// <c>/dapr/subscribe</c> as soon as its port answers.</summary>
    /// <exception cref="ArgumentException">The options have problems (all are listed).</exception>
    public static async Task<DaprTestCluster> StartAsync(DaprTestClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("DaprTestClusterOptions: " + string.Join("; ", problems), nameof(options));
        }

        var replicas = options.AppPorts.Count;
        var free = FreePorts.Take(2 * replicas);
        var runtime = new ClusterRuntime(options);
        var sidecars = new List<Sidecar>();
        for (var replica = 0; replica < replicas; replica++)
        {
            var endpoints = new SidecarEndpoints(
                replica,
                options.AppPorts[replica],
                options.HttpPorts.Count > 0 ? options.HttpPorts[replica] : free[2 * replica],
                options.GrpcPorts.Count > 0 ? options.GrpcPorts[replica] : free[(2 * replica) + 1]);
            sidecars.Add(new Sidecar(runtime, endpoints with { Environment = EnvironmentFor(endpoints, options) }));
        }

        runtime.Start(sidecars);
        var cluster = new DaprTestCluster(runtime, sidecars);
        try
        {
            foreach (var sidecar in sidecars)
            {
                await sidecar.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Waits until every replica's app answered and its configuration is loaded.</summary>
    public async Task WaitForAppsAsync(CancellationToken cancellationToken)
    {
        while (!_sidecars.All(sidecar => sidecar.IsAppReady))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Waits until replica <paramref name="replica"/>'s app answered and its configuration is loaded.</summary>
    public async Task WaitForAppAsync(int replica, CancellationToken cancellationToken)
    {
        while (!_sidecars[replica].IsAppReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Stops one sidecar's listeners and starts them again on the same ports, as a sidecar restart does; what is
    /// persisted stays, its actors move and it reads the app's configuration again.</summary>
    public Task RestartSidecarAsync(int replica, CancellationToken cancellationToken = default) =>
        _runtime.RestartSidecarAsync(replica, cancellationToken);

    /// <summary>Stops routing to a replica (actor calls, events, invocations), as if it were gone; its actors move.</summary>
    public void LoseReplica(int replica) => _sidecars[replica].SetLost(true);

    /// <summary>Routes to a lost replica again.</summary>
    public void RestoreReplica(int replica) => _sidecars[replica].SetLost(false);

    /// <summary>Which replica hosts the actor right now, or null when it is not active.</summary>
    public int? HostOf(string actorType, string actorId)
    {
        var key = new Actors.ActorKey(actorType, actorId);
        return _sidecars.Select(sidecar => sidecar.Replica).Cast<int?>().FirstOrDefault(replica => _runtime.Actors.IsActiveOn(key, replica!.Value));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in _sidecars)
        {
            await sidecar.DisposeAsync();
        }

        await _runtime.DisposeAsync();
    }

    private static Dictionary<string, string> EnvironmentFor(SidecarEndpoints endpoints, DaprTestClusterOptions options)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = options.AppId,
            ["APP_PORT"] = endpoints.AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_HTTP_PORT"] = endpoints.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = endpoints.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_HTTP_ENDPOINT"] = endpoints.HttpEndpoint.ToString().TrimEnd('/'),
            ["DAPR_GRPC_ENDPOINT"] = endpoints.GrpcEndpoint.ToString().TrimEnd('/'),
        };
        if (!string.IsNullOrEmpty(options.ApiToken))
        {
            environment["DAPR_API_TOKEN"] = options.ApiToken;
        }

        if (!string.IsNullOrEmpty(options.AppApiToken))
        {
            environment["APP_API_TOKEN"] = options.AppApiToken;
        }

        return environment;
    }
}
