using System.Collections.Concurrent;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Wake-ups for agents waiting on their inbox (long-poll and server-sent events).</summary>
/// <remarks>A waiter takes <see cref="WaitAsync"/> before it reads the inbox, so a notification between the read and the
/// wait is never lost. Notifying an agent nobody waits for costs one dictionary lookup and allocates nothing. With an
/// <see cref="IInboxSignalRelay"/> (several replicas), notifications also reach the readers waiting on other replicas.</remarks>
public sealed class InboxSignals
{
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly IInboxSignalRelay? _relay;

    /// <summary>Creates in-process signals.</summary>
    public InboxSignals()
    {
    }

    /// <summary>Creates signals whose notifications also go to the other replicas through <paramref name="relay"/>.</summary>
    public InboxSignals(IInboxSignalRelay relay)
    {
        _relay = relay;
    }

    /// <summary>True when notifications also go to other replicas, so a caller should <see cref="RelayChannelAsync"/>.</summary>
    public bool IsRelayed => _relay is not null;

    /// <summary>A task that completes at the next <see cref="Notify"/> of <paramref name="agentId"/>.</summary>
    public Task WaitAsync(string agentId) => _signals.GetOrAdd(agentId, static _ => new Signal()).Next();

    /// <summary>Wakes every waiter of <paramref name="agentId"/>, on every replica.</summary>
    public void Notify(string agentId)
    {
        Wake(agentId);
        if (_relay is not null)
        {
            _ = ObserveAsync(_relay.RelayAsync(null, 0, [agentId]));
        }
    }

    /// <summary>Wakes the waiters of <paramref name="agentId"/> in this process only.</summary>
    public void Wake(string agentId)
    {
        if (_signals.TryGetValue(agentId, out var signal))
        {
            signal.Set();
        }
    }

    /// <summary>Tells the other replicas that <paramref name="channelId"/> committed up to <paramref name="head"/>, waking
    /// <paramref name="agentIds"/> there; the caller has woken them here with <see cref="Wake"/>.</summary>
    /// <returns>A task that completes once the wake-up was handed to the broker (at once without a relay) and faults when it
    /// was not.</returns>
    public ValueTask RelayChannelAsync(string channelId, long head, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default) =>
        _relay?.RelayAsync(channelId, head, agentIds, cancellationToken) ?? ValueTask.CompletedTask;

    // A direct wake-up is a hint: a lost one only delays a reader to its lease expiry or wait limit, and the relay logged it.
    private static async Task ObserveAsync(ValueTask relayed)
    {
        try
        {
            await relayed;
        }
        catch (Exception)
        {
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
