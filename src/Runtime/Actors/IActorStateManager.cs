namespace AgentPlatform.Runtime.Actors;

/// <summary>Reads an actor's durable state and buffers the writes of the current turn.</summary>
/// <remarks>Writes become durable only when the turn completes without throwing; then all of them commit
/// atomically. A turn that throws discards them. Values are stored as JSON.</remarks>
public interface IActorStateManager
{
    /// <summary>Reads a value, seeing this turn's own buffered writes.</summary>
    ValueTask<(bool Found, T? Value)> TryGetStateAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Buffers a write of <paramref name="value"/> under <paramref name="key"/>.</summary>
    void SetState<T>(string key, T value);

    /// <summary>Buffers removal of <paramref name="key"/>; removing a missing key is not an error.</summary>
    void RemoveState(string key);

    /// <summary>Commits buffered writes now instead of at the end of the turn.</summary>
    ValueTask SaveStateAsync(CancellationToken cancellationToken = default);
}
