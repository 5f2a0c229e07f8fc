using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Requests;

/// <summary>A recipient's reply to a request, as sent to the request's actor and announced to every replica.</summary>
internal sealed record RequestReply(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("recipient_id")] string RecipientId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata = null);
