using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;

namespace AgentPlatform.AgentHost.Channels;

/// <summary>A page of channels.</summary>
public sealed record ChannelListView(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelInfo> Channels,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);

/// <summary>A page of a channel log; <c>next_cursor</c> is the <c>after</c> to send next.</summary>
public sealed record MessageListView(
    [property: JsonPropertyName("messages")] IReadOnlyList<ChannelMessage> Messages,
    [property: JsonPropertyName("next_cursor")] string NextCursor);

/// <summary>Leased inbox deliveries.</summary>
public sealed record InboxView([property: JsonPropertyName("deliveries")] IReadOnlyList<InboxDelivery> Deliveries);

/// <summary>How many deliveries an acknowledgement settled.</summary>
public sealed record AcknowledgedView([property: JsonPropertyName("acknowledged")] int Acknowledged);
