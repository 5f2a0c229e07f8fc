namespace AgentPlatform.Runtime.Actors;

/// <summary>Wakes those waiting for the next end of an actor call (<see cref="IActorCallsInFlight.NextEnd"/>).</summary>
/// <remarks>While nobody waits, <see cref="Raise"/> is one read of a field that is written only by waiters, so the call path pays
/// no shared write.</remarks>
public sealed class ActorCallEndSignal
{
    private TaskCompletionSource? _next;

    /// <summary>A task that completes at the next <see cref="Raise"/>.</summary>
    public Task Next()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _next, next, null) ?? next).Task;
    }

    /// <summary>Reports that a call ended.</summary>
    public void Raise()
    {
        if (Volatile.Read(ref _next) is not null)
        {
            Interlocked.Exchange(ref _next, null)?.TrySetResult();
        }
    }
}
