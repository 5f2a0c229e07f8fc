using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>A newly issued API key, shown only this once.</summary>
public sealed record AgentKeyView([property: JsonPropertyName("api_key")] string ApiKey);
