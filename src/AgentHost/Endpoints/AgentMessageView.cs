using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>A C# agent's response: its wire type name (null for no response) and the response itself.</summary>
public sealed record AgentMessageView(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("message")] object? Message);
