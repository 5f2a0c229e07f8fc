using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>A page of channels with their newest messages.</summary>
public sealed record ChannelActivityPageView(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelActivityView> Channels,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);
