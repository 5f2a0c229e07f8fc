namespace AgentPlatform.Agents.Inbox;

/// <summary>Carries <see cref="InboxSignals"/> wake-ups to the other replicas of the host, whose readers may wait for the same
/// agents. Registered only when the host runs as several replicas (Dapr mode); without one, wake-ups stay in process.</summary>
public interface IInboxSignalRelay
{
    /// <summary>Sends a wake-up to the other replicas; returns at once, and a failure to send is the relay's to report.</summary>
    void Relay(string? channelId, long head, IReadOnlyList<string> agentIds);
}
