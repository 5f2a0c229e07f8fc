using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The persisted work side of one agent: what it declared (capabilities, task limit, heartbeat interval), its load and
/// its track record and team role, with the version of the last published <see cref="AgentRegistryEntry"/>.</summary>
internal sealed record AgentWorkRecord(
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("maxConcurrentTasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("heartbeatInterval")] TimeSpan? HeartbeatInterval,
    [property: JsonPropertyName("inFlight")] int InFlight,
    [property: JsonPropertyName("error")] bool Error,
    [property: JsonPropertyName("track")] AgentTrackRecord Track,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("role")] Identity.AgentRole? Role = null)
{
    public static readonly AgentWorkRecord Empty = new(
        new Dictionary<string, double>(StringComparer.Ordinal), AgentDeclaration.DefaultMaxConcurrentTasks, null, 0, false, AgentTrackRecord.None, 0);
}
