using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Body of <c>POST /api/v1/workflows/instances/purge</c>.</summary>
public sealed record PurgeBody(IReadOnlyList<WorkflowStatus>? Statuses = null);
