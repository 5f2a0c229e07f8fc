using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>A channel with its newest messages, oldest first, and who sent them: one card of the dashboard's channel panel and
/// one live update.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Messages">Its newest messages (or those after what the page has).</param>
/// <param name="Senders">Agent id → name and emoji of each sender still registered.</param>
public sealed record ChannelActivityView(
    [property: JsonPropertyName("channel")] ChannelInfo Channel,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChannelMessage> Messages,
    [property: JsonPropertyName("senders")] IReadOnlyDictionary<string, SenderView> Senders);
