namespace AgentPlatform.Llm.Budgets;

/// <summary>What a run's history shows: the usage recorded with its task outcomes, the tasks whose outcomes it still awaits, and the
/// budgets of the run beyond the process-wide one.</summary>
/// <param name="Tokens">Input and output tokens recorded.</param>
/// <param name="Cost">Cost recorded.</param>
/// <param name="AwaitedTaskIds">Tasks scheduled and not yet settled; a task not in it has its usage recorded (or was abandoned).</param>
public sealed record LlmRecordedSpend(long Tokens, decimal Cost, IReadOnlySet<string> AwaitedTaskIds)
{
    /// <summary>A run with nothing recorded.</summary>
    public static LlmRecordedSpend None { get; } = new(0, 0, new HashSet<string>());

    /// <summary>The run's own budgets (its definition's, and in time its team's); each is checked as well as the process-wide one, so
    /// the tightest wins.</summary>
    public IReadOnlyList<LlmBudgetLimit> Limits { get; init; } = [];
}
