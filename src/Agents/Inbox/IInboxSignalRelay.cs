namespace AgentPlatform.Agents.Inbox;

/// <summary>Carries <see cref="InboxSignals"/> wake-ups to the other replicas of the host, whose readers may wait for the same
/// agents. Registered only when the host runs as several replicas (Dapr mode); without one, wake-ups stay in process.</summary>
public interface IInboxSignalRelay
{
    /// <summary>Sends a wake-up to the other replicas.</summary>
    /// <returns>A task that completes once the broker accepted the wake-up and faults when it did not (the relay logs the
    /// failure; a caller that must not lose the wake-up sends it again).</returns>
    ValueTask RelayAsync(string? channelId, long head, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default);
}
