using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Requests;

/// <summary>One request from an agent to another and, once given, its reply; the durable state of an <see cref="AgentRequestActor"/>.</summary>
/// <param name="RequestId">The request id the recipient replies to.</param>
/// <param name="SenderId">The asking agent.</param>
/// <param name="RecipientId">The agent asked; the only one that may reply.</param>
/// <param name="ExpiresAt">When the sender stops waiting; a reply after it is refused.</param>
/// <param name="State">Pending, replied or expired.</param>
/// <param name="Reply">The reply's content, once replied.</param>
/// <param name="RepliedAt">When the reply arrived.</param>
/// <param name="ReplyMetadata">What the recipient recorded with its reply, if anything.</param>
public sealed record AgentRequestRecord(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("sender_id")] string SenderId,
    [property: JsonPropertyName("recipient_id")] string RecipientId,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("state")] AgentRequestState State,
    [property: JsonPropertyName("reply")] string? Reply = null,
    [property: JsonPropertyName("replied_at")] DateTimeOffset? RepliedAt = null,
    [property: JsonPropertyName("reply_metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? ReplyMetadata = null);
