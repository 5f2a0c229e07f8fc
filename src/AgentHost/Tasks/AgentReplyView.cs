using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The answer to a request: the recipient's reply.</summary>
public sealed record AgentReplyView(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("content")] string Content);
