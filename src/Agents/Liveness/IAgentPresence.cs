namespace AgentPlatform.Agents.Liveness;

/// <summary>Heartbeats and status of agents; missed heartbeats turn an agent <see cref="AgentStatus.Offline"/>.</summary>
/// <remarks>Status changes are durable before the call returns. The last heartbeat as persisted may lag the last one recorded
/// by at most <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/> (strictly less), which only a crash makes visible; reads
/// and the offline check of a running host see the exact time. An agent that misses
/// <see cref="AgentLivenessOptions.MissedHeartbeatsBeforeOffline"/> consecutive
/// <see cref="AgentLivenessOptions.HeartbeatInterval"/>s turns offline; its next heartbeat makes it available again.
/// An agent id is either one name (1-256 characters without <c>/ \ # ?</c> or control characters, not <c>.</c> or <c>..</c>)
/// or the <c>type/key</c> wire form of an <c>AgentId</c> whose two parts follow that rule. Agents of in-process agent types
/// (hosted by the programming model) are always alive; see <see cref="AgentLiveness"/>.</remarks>
public interface IAgentPresence
{
    /// <summary>Records a heartbeat: marks the agent <see cref="AgentStatus.Available"/> (or keeps it <see cref="AgentStatus.Busy"/> when it was busy and online) and says when the next is due.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Reads an agent's presence; an agent never seen is <see cref="AgentStatus.Offline"/> with no last heartbeat.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the busy flag; counts as a heartbeat.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> SetBusyAsync(string agentId, bool busy, CancellationToken cancellationToken = default);

    /// <summary>Forgets an agent: its state and its reminder are removed and it reads as never seen.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default);
}
