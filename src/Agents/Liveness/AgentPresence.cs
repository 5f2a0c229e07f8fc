using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What is known about one agent's liveness.</summary>
/// <param name="AgentId">The agent, in its <c>type/key</c> wire form or any valid agent name.</param>
/// <param name="Status">The current status.</param>
/// <param name="LastHeartbeat">When the last heartbeat arrived; null when the agent was never seen.</param>
/// <param name="NextHeartbeatDue">When the next heartbeat is expected.</param>
public sealed record AgentPresence(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("status")] AgentStatus Status,
    [property: JsonPropertyName("lastHeartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("nextHeartbeatDue")] DateTimeOffset NextHeartbeatDue);
