namespace AgentPlatform.Agents.Liveness;

/// <summary>What is known about one agent's liveness.</summary>
/// <param name="AgentId">The agent, in its <c>type/key</c> wire form or any valid agent name.</param>
/// <param name="Status">The current status.</param>
/// <param name="LastHeartbeat">When the last heartbeat arrived; null when the agent was never seen.</param>
/// <param name="NextHeartbeatDue">When the next heartbeat is expected.</param>
public sealed record AgentPresence(string AgentId, AgentStatus Status, DateTimeOffset? LastHeartbeat, DateTimeOffset NextHeartbeatDue);
