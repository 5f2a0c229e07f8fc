using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Agents by status.</summary>
public sealed record AgentCountsView(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("busy")] int Busy,
    [property: JsonPropertyName("offline")] int Offline);
