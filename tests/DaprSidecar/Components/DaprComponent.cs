namespace AgentPlatform.DaprSidecar.Components;

/// <summary>A Dapr component the double serves: a state store, a pub/sub or a secret store, by name, type and metadata,
/// as in a component YAML file.</summary>
/// <param name="Name">The component name used in API calls (<c>metadata.name</c>).</param>
/// <param name="Type">The component type (<c>spec.type</c>), e.g. <c>state.sqlite</c>, <c>pubsub.redis</c>,
/// <c>secretstores.local.file</c>. Only the family prefix matters to the double.</param>
/// <param name="Metadata">The component metadata (<c>spec.metadata</c>).</param>
public sealed record DaprComponent(string Name, string Type, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Whether this is a state store.</summary>
    public bool IsStateStore => Type.StartsWith("state.", StringComparison.Ordinal);

    /// <summary>Whether this is a pub/sub.</summary>
    public bool IsPubSub => Type.StartsWith("pubsub.", StringComparison.Ordinal);

    /// <summary>Whether this is a secret store.</summary>
    public bool IsSecretStore => Type.StartsWith("secretstores.", StringComparison.Ordinal);

    /// <summary>Whether this state store holds actor state (<c>actorStateStore: "true"</c>).</summary>
    public bool IsActorStateStore =>
        IsStateStore && Metadata.TryGetValue("actorStateStore", out var flag) && bool.TryParse(flag, out var on) && on;

    /// <summary>Whether every replica of an app gets every event: the <c>consumerID</c> metadata is per replica
    /// (<c>{podName}</c> or <c>{uuid}</c>). Otherwise the consumer id is the app id and replicas compete.</summary>
    public bool DeliversToEveryReplica =>
        IsPubSub && Metadata.TryGetValue("consumerID", out var consumer)
        && (consumer.Contains("{podName}", StringComparison.Ordinal) || consumer.Contains("{uuid}", StringComparison.Ordinal));

    /// <summary>A state store component.</summary>
    public static DaprComponent StateStore(string name, bool actorStateStore = false) =>
        new(name, "state.sqlite", actorStateStore ? new Dictionary<string, string> { ["actorStateStore"] = "true" } : new Dictionary<string, string>());

    /// <summary>A pub/sub component whose replicas compete (<paramref name="everyReplica"/> false) or each get every event.</summary>
    public static DaprComponent PubSub(string name, bool everyReplica = false) =>
        new(name, "pubsub.in-memory", everyReplica ? new Dictionary<string, string> { ["consumerID"] = "{podName}" } : new Dictionary<string, string>());

    /// <summary>A secret store whose secrets come from <see cref="Cluster.DaprTestClusterOptions.Secrets"/> (or a
    /// <c>secretsFile</c> metadata entry when loaded from YAML).</summary>
    public static DaprComponent SecretStore(string name) => new(name, "secretstores.local.file", new Dictionary<string, string>());

    /// <summary>The platform's components, by the names in <c>src/Runtime.Dapr/DaprNames.cs</c>: <c>statestore</c>,
    /// <c>actorstore</c> (the actor state store), <c>pubsub</c> (replicas compete), <c>pubsub-broadcast</c> (every replica
    /// gets every event) and <c>secretstore</c>.</summary>
    public static IReadOnlyList<DaprComponent> PlatformDefaults { get; } =
    [
        StateStore("statestore"),
        StateStore("actorstore", actorStateStore: true),
        PubSub("pubsub"),
        PubSub("pubsub-broadcast", everyReplica: true),
        SecretStore("secretstore"),
    ];
}
