using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The open tasks of one capability (or <c>agent:&lt;id&gt;</c>) and since when the oldest has waited.</summary>
public sealed record OpenTaskQueueView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("open")] int Open,
    [property: JsonPropertyName("oldest_since")] DateTimeOffset? OldestSince);
