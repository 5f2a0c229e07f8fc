using AgentPlatform.DaprSidecar.Components;
using AgentPlatform.DaprSidecar.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>What <see cref="DaprTestCluster.StartAsync"/> starts: one app id with one sidecar per app replica.</summary>
public sealed class DaprTestClusterOptions
{
    /// <summary>The Dapr app id every replica shares.</summary>
    public string AppId { get; set; } = "agent-platform";

    /// <summary>The port of each app replica, one sidecar each; the app may start listening after its sidecar.</summary>
    public IList<int> AppPorts { get; } = [];

    /// <summary>Where state, actor state and reminders are kept (one SQLite file); a new cluster on the same folder picks
    /// them up.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Fixed sidecar HTTP ports per replica (for manual runs); free loopback ports are chosen when empty.</summary>
    public IList<int> HttpPorts { get; } = [];

    /// <summary>Fixed sidecar gRPC ports per replica; free loopback ports are chosen when empty.</summary>
    public IList<int> GrpcPorts { get; } = [];

    /// <summary>daprd's <c>DAPR_API_TOKEN</c>: when set, every API call must carry it in <c>dapr-api-token</c>.</summary>
    public string? ApiToken { get; set; }

    /// <summary>daprd's <c>APP_API_TOKEN</c>: when set, every call to the app carries it in <c>dapr-api-token</c>.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>The components; the platform's names (<see cref="DaprComponent.PlatformDefaults"/>) unless replaced, e.g.
    /// with <see cref="DaprComponentFiles.Load"/>.</summary>
    public IList<DaprComponent> Components { get; } = [.. DaprComponent.PlatformDefaults];

    /// <summary>Secrets per secret-store name, then per secret name: each secret is a map of keys to values, as
    /// <c>GetSecret</c> returns it.</summary>
    public IDictionary<string, IDictionary<string, IDictionary<string, string>>> Secrets { get; } =
        new Dictionary<string, IDictionary<string, IDictionary<string, string>>>(StringComparer.Ordinal);

    /// <summary>Where relative <c>secretsFile</c> paths of loaded components are resolved (daprd's working directory).</summary>
    public string? ComponentsWorkingDirectory { get; set; }

    /// <summary>Overrides the app's <c>actorIdleTimeout</c> from <c>/dapr/config</c> for every actor type.</summary>
    public TimeSpan? ActorIdleTimeout { get; set; }

    /// <summary>How often idle actors are looked for.</summary>
    public TimeSpan IdleScanInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a call to the app may take before the replica counts as not answering (actors move away).</summary>
    public TimeSpan AppCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to the app may take before the replica counts as not answering.</summary>
    public TimeSpan AppConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a sidecar whose app is not (or no longer) answering probes the app port.</summary>
    public TimeSpan AppProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times an event is delivered before it is dead-lettered or dropped.</summary>
    public int PubSubMaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first redelivery; it doubles on each further attempt up to
    /// <see cref="PubSubMaxBackoff"/>.</summary>
    public TimeSpan PubSubInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two deliveries of one event.</summary>
    public TimeSpan PubSubMaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a failed reminder fire is retried, and how long apart (the Scheduler's default failure
    /// policy is a constant retry).</summary>
    public int ReminderRetries { get; set; } = 3;

    /// <summary>The wait between retries of a failed reminder fire.</summary>
    public TimeSpan ReminderRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra gRPC services or endpoints every sidecar hosts, e.g. a workflow backend (<c>TaskHubSidecarService</c>).</summary>
    public IList<ISidecarExtension> Extensions { get; } = [];

    /// <summary>The clock for reminders, timers, ttl and idle deactivation (a manual clock makes them move only when a test
    /// advances it). Probes, back-off and retry intervals always run on real time.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the double logs (its sidecars' own ASP.NET Core logging is off).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>All problems with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(AppId))
        {
            problems.Add($"{nameof(AppId)} is required");
        }

        if (AppPorts.Count == 0)
        {
            problems.Add($"{nameof(AppPorts)} needs one port per app replica");
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add($"{nameof(DataDirectory)} is required");
        }

        if (HttpPorts.Count != 0 && HttpPorts.Count != AppPorts.Count)
        {
            problems.Add($"{nameof(HttpPorts)} must be empty or have one port per app replica");
        }

        if (GrpcPorts.Count != 0 && GrpcPorts.Count != AppPorts.Count)
        {
            problems.Add($"{nameof(GrpcPorts)} must be empty or have one port per app replica");
        }

        if (Components.Count(component => component.IsActorStateStore) > 1)
        {
            problems.Add($"{nameof(Components)}: at most one state store may set actorStateStore");
        }

        foreach (var name in Components.GroupBy(component => component.Name).Where(group => group.Count() > 1).Select(group => group.Key))
        {
            problems.Add($"{nameof(Components)}: '{name}' is defined twice");
        }

        if (PubSubMaxAttempts < 1)
        {
            problems.Add($"{nameof(PubSubMaxAttempts)} must be at least 1");
        }

        return problems;
    }
}
