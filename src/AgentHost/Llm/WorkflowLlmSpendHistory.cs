using AgentPlatform.Llm.Budgets;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Llm;

/// <summary>Reads a run's LLM spend from its workflow instance: the usage folded from the task outcomes of its history, and the tasks
/// it still awaits. Either engine answers from the same history, so budgets hold across restarts and replicas.</summary>
public sealed class WorkflowLlmSpendHistory(IWorkflowClient workflows) : ILlmSpendHistory
{
    /// <inheritdoc/>
    public async ValueTask<LlmRecordedSpend?> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!WorkflowInstanceId.TryParse(runId, out var instanceId) || await workflows.GetStatusAsync(instanceId, cancellationToken) is not { } state)
        {
            return null;
        }

        var awaited = state.PendingTasks.Select(task => task.TaskId).ToHashSet(StringComparer.Ordinal);
        return state.Spend is { } spend
            ? new LlmRecordedSpend(spend.InputTokens + spend.OutputTokens, spend.Cost, awaited)
            : new LlmRecordedSpend(0, 0, awaited);
    }
}
