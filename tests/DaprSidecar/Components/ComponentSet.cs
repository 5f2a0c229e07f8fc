namespace AgentPlatform.DaprSidecar.Components;

/// <summary>The cluster's components by name and family.</summary>
internal sealed class ComponentSet(IEnumerable<DaprComponent> components)
{
    private readonly IReadOnlyList<DaprComponent> _all = [.. components];

    /// <summary>Every component.</summary>
    public IReadOnlyList<DaprComponent> All => _all;

    /// <summary>The state store called <paramref name="name"/>, or null.</summary>
    public DaprComponent? StateStore(string name) => _all.FirstOrDefault(c => c.IsStateStore && c.Name == name);

    /// <summary>The pub/sub called <paramref name="name"/>, or null.</summary>
    public DaprComponent? PubSub(string name) => _all.FirstOrDefault(c => c.IsPubSub && c.Name == name);

    /// <summary>The secret store called <paramref name="name"/>, or null.</summary>
    public DaprComponent? SecretStore(string name) => _all.FirstOrDefault(c => c.IsSecretStore && c.Name == name);

    /// <summary>The actor state store, or null when none sets <c>actorStateStore</c>.</summary>
    public DaprComponent? ActorStateStore => _all.FirstOrDefault(c => c.IsActorStateStore);
}
