using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The shape of a <c>PATCH /api/v1/agents/me</c> body as published in the OpenAPI document.</summary>
/// <remarks>The handler reads the body field by field (<c>AgentProfilePatch</c>) so that an absent field keeps its value
/// while <c>null</c> clears it, a difference a deserialized record cannot show; this record only describes the fields.</remarks>
public sealed record AgentProfilePatchBody(
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("emoji")] string? Emoji = null,
    [property: JsonPropertyName("capabilities")] Dictionary<string, double>? Capabilities = null,
    [property: JsonPropertyName(AgentWorkInput.MaxConcurrentTasksField)] int? MaxConcurrentTasks = null,
    [property: JsonPropertyName(AgentWorkInput.HeartbeatIntervalField)] double? HeartbeatIntervalSeconds = null,
    [property: JsonPropertyName(AgentRoleInput.Field)] string? Role = null);
