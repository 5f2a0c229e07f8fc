using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The payload of a finished task sent to a presence actor.</summary>
internal sealed record TaskOutcome(
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("latency")] TimeSpan Latency);
