using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The answer to a reply that reached the waiting sender.</summary>
public sealed record ReplyDeliveredView(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("status")] string Status);
