using System.Text.Json;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Body of <c>POST /api/v1/workflows/instances/{id}/events/{name}</c>.</summary>
public sealed record RaiseEventBody(JsonElement? Payload = null);
