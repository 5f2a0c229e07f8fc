using System.Text.Json.Serialization;
using AgentPlatform.Agents.Inbox;

namespace AgentPlatform.Agents.Channels;

/// <summary>The delivery status of one channel post or direct message, per recipient, for its sender or the operator.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="ChannelId">The channel, or null for a direct message.</param>
/// <param name="Sequence">The message's sequence in the channel log, or in the recipient's direct messages.</param>
/// <param name="SenderId">The sender.</param>
/// <param name="Recipients">A page of recipients in id order: for a post, the current members who joined before it but its
/// sender; for a direct message, its one recipient.</param>
/// <param name="NextCursor">The <c>after</c> of the next page of recipients, or null on the last page.</param>
public sealed record MessageDelivery(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("channel_id")] string? ChannelId,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("recipients")] IReadOnlyList<RecipientDelivery> Recipients,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);
