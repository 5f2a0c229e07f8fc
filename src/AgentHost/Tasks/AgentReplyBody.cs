using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The body of <c>POST /agents/me/requests/{request_id}/reply</c>.</summary>
public sealed record AgentReplyBody([property: JsonPropertyName("content")] string? Content);
