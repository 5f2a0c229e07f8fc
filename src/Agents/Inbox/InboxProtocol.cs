using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Inbox;

// The messages exchanged with inbox actors; plain JSON records so they can cross a process boundary.

/// <summary>Starts following a channel from a sequence.</summary>
internal sealed record InboxSubscribe(string ChannelId, long FromSequence);

/// <summary>Leases up to <paramref name="Limit"/> deliveries.</summary>
internal sealed record InboxReadRequest(int Limit);

/// <summary>Leased deliveries and the earliest time a lease runs out.</summary>
internal sealed record InboxReadReply(IReadOnlyList<InboxDelivery> Deliveries, DateTimeOffset? NextExpiry);

/// <summary>Acknowledges deliveries.</summary>
internal sealed record InboxAck(IReadOnlyList<string> DeliveryIds);

/// <summary>The durable index of pending direct messages.</summary>
internal sealed record DirectIndex(
    [property: JsonPropertyName("next")] long Next,
    [property: JsonPropertyName("pending")] IReadOnlyList<long> Pending);
