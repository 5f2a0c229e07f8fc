namespace AgentPlatform.Runtime.Actors;

/// <summary>Durable storage of actor state; the port a runtime's state manager writes through.</summary>
/// <remarks>Keys are scoped per actor. <see cref="CommitAsync"/> is atomic and returns only once the changes are durable.</remarks>
public interface IActorStateStore
{
    /// <summary>Reads one key of one actor; null when missing.</summary>
    ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default);

    /// <summary>Applies all <paramref name="changes"/> of one actor atomically and durably.</summary>
    ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default);
}
