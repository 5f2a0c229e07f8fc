using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Answer of a definition registration or read.</summary>
public sealed record DefinitionView(string Id, int Version, string Outcome, WorkflowDefinition Definition);
