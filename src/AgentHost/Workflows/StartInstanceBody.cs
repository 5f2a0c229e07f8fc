using System.Text.Json;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Body of <c>POST /api/v1/workflows/instances</c>.</summary>
public sealed record StartInstanceBody(string DefinitionId, int? Version = null, string? InstanceId = null, JsonElement? Input = null);
