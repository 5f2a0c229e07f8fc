using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The answer of a heartbeat: the status and when the next heartbeat is due.</summary>
public sealed record AgentHeartbeatView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_heartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("next_heartbeat_due")] DateTimeOffset NextHeartbeatDue,
    [property: JsonPropertyName("interval_seconds")] double IntervalSeconds);
