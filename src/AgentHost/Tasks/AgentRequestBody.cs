using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The body of <c>POST /agents/{id}/requests</c>.</summary>
public sealed record AgentRequestBody(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("priority")] string? Priority = null,
    [property: JsonPropertyName("timeout_seconds")] double? TimeoutSeconds = null);
