using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>Reports agents' task outcomes to the workflow engine, with the agent that ran each attempt and what it spent.</summary>
public sealed class WorkflowTaskOutcomeSink(IWorkflowTaskResultSink results) : IAgentTaskOutcomeSink
{
    /// <inheritdoc/>
    public ValueTask ReportAsync(AgentTaskOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var usage = outcome.Usage is { } spent
            ? new TaskUsage(spent.InputTokens, spent.OutputTokens, spent.Cost, spent.Estimated, spent.ToolCalls,
                spent.ToolCallDetails?.Select(c => new TaskToolCall(c.Name, c.ArgumentBytes, c.DurationMs, c.Outcome)).ToList())
            : null;
        return results.ReportAsync(
            new WorkflowTaskResult(outcome.TaskId, outcome.Succeeded, outcome.Output, outcome.Error, outcome.AgentId, usage), cancellationToken);
    }
}
