namespace AgentPlatform.Llm.Budgets;

/// <summary>One budget a run's calls are checked against, besides the process-wide <see cref="LlmBudgetOptions"/>: the run's
/// definition sets one; a wider scope (a team) adds its own with what the scope spent outside this run.</summary>
/// <param name="Scope">Names the budget in a <c>budget_exceeded</c> error (for example <c>definition 'review' v2</c>).</param>
/// <param name="MaxTokens">The most tokens the scope may use; no limit when null.</param>
/// <param name="MaxCost">The most the scope may cost; no limit when null.</param>
/// <param name="OutsideTokens">Tokens the scope already spent outside this run (zero for a run's own budget).</param>
/// <param name="OutsideCost">What the scope already spent outside this run.</param>
public sealed record LlmBudgetLimit(string Scope, long? MaxTokens, decimal? MaxCost, long OutsideTokens = 0, decimal OutsideCost = 0);
