using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The persisted liveness of one agent: the presence actor's only state value.</summary>
internal sealed record PresenceRecord(
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("busy")] bool Busy,
    [property: JsonPropertyName("lastHeartbeat")] DateTimeOffset LastHeartbeat);
