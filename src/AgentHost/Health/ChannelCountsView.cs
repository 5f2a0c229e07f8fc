using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Channels and the messages in their logs.</summary>
public sealed record ChannelCountsView(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("messages")] long Messages);
