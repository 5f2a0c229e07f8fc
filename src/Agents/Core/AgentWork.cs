namespace AgentPlatform.Agents.Core;

/// <summary>Counts the published messages in flight in one runtime (events being delivered here, and events published here and
/// followed to delivery in process) and wakes those waiting for the count to change.</summary>
/// <remarks>Direct messages are not counted here: the actor runtime counts them as calls in flight. Entering and leaving are one
/// interlocked operation each; a waiter costs the leaving side one extra read until it is woken, so with nobody waiting the hot
/// paths pay only the counter.</remarks>
internal sealed class AgentWork
{
    private long _inFlight;
    private TaskCompletionSource? _changed;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit()
    {
        Interlocked.Decrement(ref _inFlight);
        if (Volatile.Read(ref _changed) is not null)
        {
            Interlocked.Exchange(ref _changed, null)?.TrySetResult();
        }
    }

    /// <summary>A task completing when work next leaves; take it before checking the state it may change.</summary>
    public Task Changed()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _changed, next, null) ?? next).Task;
    }
}
