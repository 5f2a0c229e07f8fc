namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Body of <c>POST /api/v1/workflows/instances/{id}/terminate</c>.</summary>
public sealed record TerminateBody(string? Reason = null);
