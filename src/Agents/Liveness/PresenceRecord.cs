using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The persisted liveness of one agent: whether it is online, what it declared about itself and its last heartbeat.</summary>
internal sealed record PresenceRecord(
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("busy")] bool Busy,
    [property: JsonPropertyName("lastHeartbeat")] DateTimeOffset LastHeartbeat,
    [property: JsonPropertyName("waiting")] bool Waiting = false);
