using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The answer of a registration: the agent and its API key, shown only this once.</summary>
public sealed record AgentRegisteredView(
    [property: JsonPropertyName("agent")] AgentView Agent,
    [property: JsonPropertyName("api_key")] string ApiKey);
