using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The waiting tasks of one capability (or <c>agent:&lt;id&gt;</c>) and since when the oldest has waited.</summary>
public sealed record OpenTaskQueueView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("waiting")] int Waiting,
    [property: JsonPropertyName("oldest_since")] DateTimeOffset OldestSince);
