using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Agents by what they can do now: <c>available</c> can take work (idle or working), <c>busy</c> is online but not
/// matched (busy, waiting or in error), <c>offline</c> missed its heartbeats.</summary>
public sealed record AgentCountsView(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("busy")] int Busy,
    [property: JsonPropertyName("offline")] int Offline);
