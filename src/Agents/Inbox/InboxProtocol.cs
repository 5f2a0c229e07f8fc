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

/// <summary>The durable index of direct messages: the last sequence given out, those pending, and the outcome of the most
/// recently settled ones (their messages are deleted), for the senders' delivery status.</summary>
internal sealed record DirectIndex(
    [property: JsonPropertyName("next")] long Next,
    [property: JsonPropertyName("pending")] IReadOnlyList<long> Pending,
    [property: JsonPropertyName("settled")] IReadOnlyList<SettledDirect>? Settled = null);

/// <summary>How a direct message ended: acknowledged, or given up after its attempt budget.</summary>
internal sealed record SettledDirect(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("given_up")] bool GivenUp);

/// <summary>Asks an inbox how a message fared: a channel message (<paramref name="ChannelId"/> and its log sequence) or a
/// direct message (<paramref name="ChannelId"/> null and its sequence among the inbox's direct messages).</summary>
internal sealed record DeliveryQuery(string? ChannelId, long Sequence);

/// <summary>The answer to a <see cref="DeliveryQuery"/>, with the sender and id of a direct message when the inbox knows them.</summary>
internal sealed record DeliveryReply(RecipientDelivery Delivery, string? SenderId = null, string? MessageId = null);
