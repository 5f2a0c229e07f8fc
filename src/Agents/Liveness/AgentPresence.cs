using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What is known about one agent's liveness and load.</summary>
/// <param name="AgentId">The agent, in its <c>type/key</c> wire form or any valid agent name.</param>
/// <param name="Status">The current status.</param>
/// <param name="LastHeartbeat">When the last heartbeat arrived; null when the agent was never seen.</param>
/// <param name="NextHeartbeatDue">When the next heartbeat is expected.</param>
public sealed record AgentPresence(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("status")] AgentStatus Status,
    [property: JsonPropertyName("lastHeartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("nextHeartbeatDue")] DateTimeOffset NextHeartbeatDue)
{
    /// <summary>Tasks in flight.</summary>
    [JsonPropertyName("load")]
    public int Load { get; init; }

    /// <summary>How many tasks the agent takes at once.</summary>
    [JsonPropertyName("maxConcurrentTasks")]
    public int MaxConcurrentTasks { get; init; } = AgentDeclaration.DefaultMaxConcurrentTasks;

    /// <summary>The agent's own heartbeat interval; null when it uses the host's.</summary>
    [JsonPropertyName("heartbeatInterval")]
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How its tasks went.</summary>
    [JsonPropertyName("trackRecord")]
    public AgentTrackRecord TrackRecord { get; init; } = AgentTrackRecord.None;
}
