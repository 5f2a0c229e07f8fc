using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Published on <see cref="Topic"/> when an agent's status changes, so channels and dispatch can react.</summary>
/// <param name="AgentId">The agent whose status changed.</param>
/// <param name="Previous">The status before the change.</param>
/// <param name="Current">The status after the change.</param>
/// <param name="LastHeartbeat">The agent's last heartbeat, null once it was removed.</param>
/// <param name="ChangedAt">When the change happened.</param>
public sealed record AgentStatusChanged(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("previous")] AgentStatus Previous,
    [property: JsonPropertyName("current")] AgentStatus Current,
    [property: JsonPropertyName("lastHeartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("changedAt")] DateTimeOffset ChangedAt)
{
    /// <summary>The pub/sub topic status changes are published to.</summary>
    public const string Topic = "agents.status";

    /// <summary>The CloudEvent type of the notification.</summary>
    public const string EventType = "agents.status.changed";
}
