namespace AgentPlatform.Runtime.Actors;

/// <summary>Calls actors by address, activating them on first use.</summary>
/// <remarks>
/// Calls to one actor are turn-based; calls to different actors run concurrently. A call's argument and result may cross a
/// process boundary: a runtime that moves them as JSON writes and reads them with <see cref="ActorJson.Options"/>, the
/// serializer options of every actor type, and a runtime that keeps them in process may hand the objects over untouched.
/// Either way the caller of <see cref="InvokeAsync{TRequest, TResult}"/> gets a typed result, and the
/// actor reads its argument with <see cref="ActorPayload.Read{T}(ActorCall)"/>. An exception thrown by the actor reaches the
/// caller with its type and message. Convenience overloads are in <see cref="ActorRuntimeExtensions"/>.
/// </remarks>
public interface IActorRuntime
{
    /// <summary>Invokes <paramref name="method"/> on the actor with <paramref name="request"/> and waits for its typed result.</summary>
    /// <exception cref="ActorTypeNotRegisteredException">No actor type <see cref="ActorId.Type"/> is hosted.</exception>
    /// <exception cref="ActorMethodNotFoundException">The actor has no such method.</exception>
    /// <exception cref="ArgumentException">The actor answered something that is not a <typeparamref name="TResult"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the call completed.</exception>
    ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default);

    /// <summary>Queues a one-way call; completes once the call is accepted, not when it has run.</summary>
    /// <remarks>A failure inside the actor is logged, not returned.</remarks>
    /// <exception cref="ActorTypeNotRegisteredException">No actor type <see cref="ActorId.Type"/> is hosted.</exception>
    ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default);

    /// <summary>True when this runtime knows the actor type.</summary>
    bool IsRegistered(string actorType);

    /// <summary>True when a call's argument and result are handed over as the objects themselves; false when they cross as JSON,
    /// so a result requested as <see cref="object"/> arrives as a <see cref="System.Text.Json.JsonElement"/>.</summary>
    bool PassesObjects { get; }

    /// <summary>The calls this runtime has in flight in this process, per actor type, for waiting until actors are idle.</summary>
    IActorCallsInFlight CallsInFlight { get; }

    /// <summary>When this runtime was created in this process, by its clock: the moment the actors it hosts came back after a restart.</summary>
    /// <remarks>Deadlines that ran out while the process was down (an agent's missed heartbeats, a task's lease) may count from here
    /// instead, so that the host's own absence is not blamed on the agents. It is per process: with several replicas each has its own.</remarks>
    DateTimeOffset StartedAt { get; }
}
