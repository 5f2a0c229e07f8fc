using System.Collections.Concurrent;

namespace AgentPlatform.Agents.Inbox;

/// <summary>In-process wake-ups for agents waiting on their inbox (long-poll and server-sent events).</summary>
/// <remarks>A waiter takes <see cref="WaitAsync"/> before it reads the inbox, so a notification between the read and the
/// wait is never lost. Notifying an agent nobody waits for costs one dictionary lookup and allocates nothing.</remarks>
public sealed class InboxSignals
{
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Notify"/> of <paramref name="agentId"/>.</summary>
    public Task WaitAsync(string agentId) => _signals.GetOrAdd(agentId, static _ => new Signal()).Next();

    /// <summary>Wakes every waiter of <paramref name="agentId"/>.</summary>
    public void Notify(string agentId)
    {
        if (_signals.TryGetValue(agentId, out var signal))
        {
            signal.Set();
        }
    }

    private sealed class Signal
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource? _waiting;

        public Task Next()
        {
            lock (_gate)
            {
                _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _waiting.Task;
            }
        }

        public void Set()
        {
            TaskCompletionSource? waiting;
            lock (_gate)
            {
                waiting = _waiting;
                _waiting = null;
            }

            waiting?.TrySetResult();
        }
    }
}
