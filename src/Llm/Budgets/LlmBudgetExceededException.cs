namespace AgentPlatform.Llm.Budgets;

/// <summary>A call was not made because its worst case would take its run past a budget; the task fails with
/// <see cref="ErrorCode"/>.</summary>
public sealed class LlmBudgetExceededException : Exception
{
    /// <summary>The error code a failed task carries.</summary>
    public const string ErrorCode = "budget_exceeded";

    /// <summary>Creates the exception for run <paramref name="runId"/>.</summary>
    public LlmBudgetExceededException(string runId, string reason)
        : base($"{ErrorCode}: run '{runId}' {reason}")
    {
        RunId = runId;
        Reason = reason;
    }

    /// <summary>The workflow run whose budget stopped the call.</summary>
    public string RunId { get; }

    /// <summary>Which limit and by how much.</summary>
    public string Reason { get; }
}
