using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>How a message's sender is shown: its name and emoji.</summary>
public sealed record SenderView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("emoji")] string? Emoji);
