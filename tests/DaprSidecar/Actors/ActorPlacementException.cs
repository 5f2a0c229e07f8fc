namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>No replica whose app is answering hosts the actor type.</summary>
internal sealed class ActorPlacementException(string actorType)
    : Exception($"did not find address for actor type {actorType}: no app replica that hosts it is answering")
{
    /// <summary>The actor type.</summary>
    public string ActorType { get; } = actorType;
}
