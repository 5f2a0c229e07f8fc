namespace AgentPlatform.Llm.Budgets;

/// <summary>The worst case of one call held against its run's budget until the call is settled.</summary>
/// <param name="RunId">The run.</param>
/// <param name="TaskId">The task attempt making the call.</param>
/// <param name="Tokens">The call's worst-case tokens.</param>
/// <param name="Cost">The call's worst-case cost.</param>
public sealed record LlmBudgetReservation(string RunId, string TaskId, long Tokens, decimal Cost)
{
    /// <summary>False for a call of a run without any budget: nothing was held, and settling it records nothing.</summary>
    public bool Held { get; private init; } = true;

    /// <summary>A call of a run without any budget (see <see cref="Held"/>).</summary>
    public static LlmBudgetReservation Unheld(string runId, string taskId, long tokens, decimal cost) => new(runId, taskId, tokens, cost) { Held = false };
}
