namespace AgentPlatform.Runtime.Actors;

/// <summary>The actor calls an <see cref="IActorRuntime"/> has in flight in this process, for waiting until actors are idle.</summary>
/// <remarks>
/// <para>A call (an invocation or a one-way post) is in flight from the moment the runtime accepts it until it has ended: it
/// ran, it failed, or it was cancelled and its actor has dropped it from the queue. Timer ticks and reminder fires are not calls.
/// In process that is every call queued for or running in an actor. Across processes it is the calls this process serves plus
/// the calls it started and still waits for, so a call between two actors of one process may be counted twice; only zero and
/// not-zero mean the same in every runtime.</para>
/// <para>Reading is cheap and lock-free; to wait without missing an end, take <see cref="NextEnd"/> before reading
/// <see cref="Count"/> and await it only when the count is not yet what you wait for.</para>
/// </remarks>
public interface IActorCallsInFlight
{
    /// <summary>The calls to actors of <paramref name="actorType"/> in flight now; zero for a type never called.</summary>
    long Count(string actorType);

    /// <summary>A task that completes when a call in flight, of any actor type, next ends.</summary>
    Task NextEnd();
}
