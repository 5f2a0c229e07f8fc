using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The calls in flight to one actor type, kept by an <see cref="ActorCallCounter"/>.</summary>
/// <remarks>Every <see cref="Enter"/> must be matched by exactly one <see cref="Exit"/>, whichever way the call ends.</remarks>
internal sealed class ActorCallCount
{
    private readonly ActorCallCounter _owner;
    private long _inFlight;

    internal ActorCallCount(ActorCallCounter owner) => _owner = owner;

    /// <summary>The calls in flight now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Counts a call the runtime has accepted.</summary>
    public void Enter() => Interlocked.Increment(ref _inFlight);

    /// <summary>Ends the count of a call and wakes those waiting for <see cref="IActorCallsInFlight.NextEnd"/>.</summary>
    public void Exit()
    {
        Interlocked.Decrement(ref _inFlight);
        _owner.Ended();
    }
}
