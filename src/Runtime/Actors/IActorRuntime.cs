namespace AgentPlatform.Runtime.Actors;

/// <summary>Calls actors by address, activating them on first use.</summary>
/// <remarks>Calls to one actor are turn-based; calls to different actors run concurrently.</remarks>
public interface IActorRuntime
{
    /// <summary>Invokes <paramref name="method"/> on the actor and waits for its result.</summary>
    /// <exception cref="ActorTypeNotRegisteredException">No actor type <see cref="ActorId.Type"/> is hosted.</exception>
    /// <exception cref="ActorMethodNotFoundException">The actor has no such method.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the call completed.</exception>
    ValueTask<object?> InvokeAsync(ActorId id, string method, object? payload, CancellationToken cancellationToken = default);

    /// <summary>Queues a one-way call; completes once the call is accepted, not when it has run.</summary>
    /// <remarks>A failure inside the actor is logged, not returned.</remarks>
    /// <exception cref="ActorTypeNotRegisteredException">No actor type <see cref="ActorId.Type"/> is hosted.</exception>
    ValueTask PostAsync(ActorId id, string method, object? payload, CancellationToken cancellationToken = default);

    /// <summary>True when this runtime knows the actor type.</summary>
    bool IsRegistered(string actorType);
}
