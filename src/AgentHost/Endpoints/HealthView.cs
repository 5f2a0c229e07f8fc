using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The answer of <c>/healthz</c>.</summary>
public sealed record HealthView([property: JsonPropertyName("status")] string Status);
