using AgentPlatform.Workflows.History;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Answer of <c>GET /api/v1/workflows/instances/{id}/history</c>.</summary>
public sealed record HistoryView(string InstanceId, IReadOnlyList<WorkflowEvent> Events);
