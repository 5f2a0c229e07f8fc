namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>An actor's address: type and id.</summary>
internal readonly record struct ActorKey(string Type, string Id)
{
    /// <summary>The key prefix of this actor's state in the actor state store, as daprd lays it out.</summary>
    public string StateKey(string appId, string key) => $"{appId}||{Type}||{Id}||{key}";

    /// <summary>The actor's path on the app (<c>/actors/{type}/{id}</c>), where its callbacks and deactivation go.</summary>
    public string AppPath => $"/actors/{Uri.EscapeDataString(Type)}/{Uri.EscapeDataString(Id)}";

    public override string ToString() => $"{Type}/{Id}";
}
