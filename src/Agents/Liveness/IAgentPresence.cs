namespace AgentPlatform.Agents.Liveness;

/// <summary>Heartbeats, status and declared work settings of agents; missed heartbeats turn an agent <see cref="AgentStatus.Offline"/>.</summary>
/// <remarks>Status changes are durable before the call returns. The last heartbeat as persisted may lag the last one recorded
/// by at most <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/> (strictly less), which only a crash makes visible; reads
/// and the offline check of a running host see the exact time. An agent that misses
/// <see cref="AgentLivenessOptions.MissedHeartbeatsBeforeOffline"/> consecutive heartbeat intervals (its own, see
/// <see cref="AgentDeclaration.HeartbeatInterval"/>, or <see cref="AgentLivenessOptions.HeartbeatInterval"/>) turns offline; its
/// next heartbeat brings it back. An agent id is either one name (1-256 characters without <c>/ \ # ?</c> or control characters,
/// not <c>.</c> or <c>..</c>) or the <c>type/key</c> wire form of an <c>AgentId</c> whose two parts follow that rule. Agents of
/// in-process agent types (hosted by the programming model) are always alive; see <see cref="AgentLiveness"/>.</remarks>
public interface IAgentPresence
{
    /// <summary>Records a heartbeat that declares nothing: what the agent declared before (busy, waiting) stays, and it says when
    /// the next is due.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Reads an agent's presence; an agent never seen is <see cref="AgentStatus.Offline"/> with no last heartbeat.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat in which the agent declares itself idle, busy or waiting; see <see cref="DeclaredStatus"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> ReportStatusAsync(string agentId, DeclaredStatus status, CancellationToken cancellationToken = default);

    /// <summary>Records what the agent declared about the work it takes; it applies to the next match at once. Not a heartbeat.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name, or the declaration is out of
    /// bounds (task limit, heartbeat interval outside the host's bounds).</exception>
    ValueTask<AgentPresence> DeclareAsync(string agentId, AgentDeclaration declaration, CancellationToken cancellationToken = default);

    /// <summary>Reads what matching needs to know about the agent.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentRegistryEntry> GetEntryAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Forgets an agent: its state and its reminder are removed and it reads as never seen.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default);
}
