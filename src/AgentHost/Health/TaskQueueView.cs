using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>The waiting tasks of one capability and how long the oldest has waited.</summary>
public sealed record TaskQueueView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("waiting")] int Waiting,
    [property: JsonPropertyName("oldest_since")] DateTimeOffset OldestSince,
    [property: JsonPropertyName("oldest_age_seconds")] double OldestAgeSeconds);
