namespace AgentPlatform.Workflows.Dispatch;

/// <summary>A task handler registered in process under an agent id, with the capabilities it offers.</summary>
/// <param name="Id">The agent id a step can name explicitly.</param>
/// <param name="Capabilities">Capability name to proficiency in [0,1].</param>
/// <param name="Handler">Runs the tasks given to this agent.</param>
public sealed record InProcessTaskAgent(string Id, IReadOnlyDictionary<string, double> Capabilities, WorkflowTaskHandler Handler);
