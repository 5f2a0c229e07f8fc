using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>A channel with its newest messages, oldest first: one card of the dashboard's channel panel and one live update.</summary>
public sealed record ChannelActivityView(
    [property: JsonPropertyName("channel")] ChannelInfo Channel,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChannelMessage> Messages);
