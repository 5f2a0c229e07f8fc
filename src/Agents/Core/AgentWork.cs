namespace AgentPlatform.Agents.Core;

/// <summary>Counts the agent work in flight in one runtime and wakes those waiting for it to change.</summary>
/// <remarks>Entering and leaving are one interlocked operation each; a waiter costs the leaving side one extra read until it is
/// woken, so with nobody waiting the hot paths pay only the counter.</remarks>
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
