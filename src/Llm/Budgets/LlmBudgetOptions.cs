namespace AgentPlatform.Llm.Budgets;

/// <summary>The most one workflow run may spend on LLM calls; null means no limit.</summary>
public sealed class LlmBudgetOptions
{
    /// <summary>The most tokens (input and output) one run may use.</summary>
    public long? MaxTokensPerRun { get; set; }

    /// <summary>The most one run may cost, priced by <see cref="LlmOptions.Prices"/>.</summary>
    public decimal? MaxCostPerRun { get; set; }

    /// <summary>How long this process holds a finished call's usage that no read of its run's history has shown recorded (a run
    /// that is not a workflow, an outcome reported elsewhere); the history is the record, so this only bounds memory.</summary>
    public TimeSpan RetainUnrecorded { get; set; } = TimeSpan.FromMinutes(10);
}
