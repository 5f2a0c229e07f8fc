namespace AgentPlatform.Workflows.Dispatch;

/// <summary>A task handler registered in process under an agent id, with the capabilities it offers.</summary>
/// <param name="Id">The agent id a step can name explicitly.</param>
/// <param name="Capabilities">Capability name to proficiency in [0,1].</param>
/// <param name="Handler">Runs the tasks given to this agent.</param>
/// <param name="Role">Its team role (<c>manager</c>, <c>coordinator</c>, <c>executor</c>), or null: only selectors naming no role, or
/// this one, resolve to it.</param>
public sealed record InProcessTaskAgent(string Id, IReadOnlyDictionary<string, double> Capabilities, WorkflowTaskHandler Handler, string? Role = null);
