namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>An actor's address: type and id.</summary>
internal readonly record struct ActorKey(string Type, string Id)
{
    /// <summary>The key prefix of this actor's state in the actor state store, as daprd lays it out.</summary>
    public string StateKey(string appId, string key) => $"{appId}||{Type}||{Id}||{key}";

    public override string ToString() => $"{Type}/{Id}";
}
