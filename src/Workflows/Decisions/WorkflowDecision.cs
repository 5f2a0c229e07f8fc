namespace AgentPlatform.Workflows.Decisions;

/// <summary>The result of deciding over a history: the instance state and the commands not yet recorded.</summary>
/// <param name="State">The instance snapshot.</param>
/// <param name="Commands">Commands whose events are not in the history yet, in the order to append them.</param>
public sealed record WorkflowDecision(WorkflowInstanceState State, IReadOnlyList<WorkflowCommand> Commands);
