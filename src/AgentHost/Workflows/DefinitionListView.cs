using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Answer of <c>GET /api/v1/workflows/definitions</c>.</summary>
public sealed record DefinitionListView(IReadOnlyList<WorkflowDefinitionInfo> Definitions);
