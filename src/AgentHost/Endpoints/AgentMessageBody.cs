using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>A typed message for a C# agent: its wire type name (from the message serializer registry) and its JSON.</summary>
public sealed record AgentMessageBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("message")] JsonElement? Message,
    [property: JsonPropertyName("timeout_seconds")] double? TimeoutSeconds = null);
