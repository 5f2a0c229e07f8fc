using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The body of <c>POST /api/v1/agents</c>.</summary>
public sealed record AgentRegistrationRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("emoji")] string? Emoji = null,
    [property: JsonPropertyName("capabilities")] Dictionary<string, double>? Capabilities = null,
    [property: JsonPropertyName("max_concurrent_tasks")] int? MaxConcurrentTasks = null,
    [property: JsonPropertyName("heartbeat_interval_seconds")] double? HeartbeatIntervalSeconds = null,
    [property: JsonPropertyName("role")] string? Role = null);
