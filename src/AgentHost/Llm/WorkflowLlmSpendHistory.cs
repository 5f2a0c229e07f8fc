using System.Collections.Concurrent;
using System.Globalization;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Llm;

/// <summary>Reads a run's LLM spend from its workflow instance: the usage folded from the task outcomes of its history, the tasks
/// it still awaits, and the budget its definition sets. Either engine answers from the same history, so budgets hold across restarts
/// and replicas.</summary>
/// <remarks>A definition version never changes once registered, so its budget is read once per version and kept.</remarks>
public sealed class WorkflowLlmSpendHistory(IWorkflowClient workflows) : ILlmSpendHistory
{
    private readonly ConcurrentDictionary<(string Id, int Version), IReadOnlyList<LlmBudgetLimit>> _definitionLimits = new();

    /// <inheritdoc/>
    public async ValueTask<LlmRecordedSpend?> ReadAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!WorkflowInstanceId.TryParse(runId, out var instanceId) || await workflows.GetStatusAsync(instanceId, cancellationToken) is not { } state)
        {
            return null;
        }

        var awaited = state.PendingTasks.Select(task => task.TaskId).ToHashSet(StringComparer.Ordinal);
        var limits = await DefinitionLimitsAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken);
        return state.Spend is { } spend
            ? new LlmRecordedSpend(spend.InputTokens + spend.OutputTokens, spend.Cost, awaited) { Limits = limits }
            : new LlmRecordedSpend(0, 0, awaited) { Limits = limits };
    }

    private async ValueTask<IReadOnlyList<LlmBudgetLimit>> DefinitionLimitsAsync(string id, int version, CancellationToken cancellationToken)
    {
        if (_definitionLimits.TryGetValue((id, version), out var known))
        {
            return known;
        }

        var definition = await workflows.GetDefinitionAsync(id, version, cancellationToken);
        if (definition is null)
        {
            return [];
        }

        IReadOnlyList<LlmBudgetLimit> limits = definition.Budget is { } budget
            ? [new LlmBudgetLimit(string.Create(CultureInfo.InvariantCulture, $"budget of definition '{id}' v{version}"), budget.MaxTokens, budget.MaxCost)]
            : [];
        return _definitionLimits.GetOrAdd((id, version), limits);
    }
}
