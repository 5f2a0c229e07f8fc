namespace AgentPlatform.Llm.Budgets;

/// <summary>Reads what a workflow run has spent from its durable history, where every task outcome carries its usage, so a budget
/// holds across restarts and replicas.</summary>
public interface ILlmSpendHistory
{
    /// <summary>The spend recorded in run <paramref name="runId"/>'s history and the tasks it still awaits, or null when no such run
    /// is known (then only this process's own record of the run counts).</summary>
    ValueTask<LlmRecordedSpend?> ReadAsync(string runId, CancellationToken cancellationToken = default);
}
