using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>Reports agents' task outcomes to the workflow engine, with the agent that ran each attempt.</summary>
public sealed class WorkflowTaskOutcomeSink(IWorkflowTaskResultSink results) : IAgentTaskOutcomeSink
{
    /// <inheritdoc/>
    public ValueTask ReportAsync(AgentTaskOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return results.ReportAsync(new WorkflowTaskResult(outcome.TaskId, outcome.Succeeded, outcome.Output, outcome.Error, outcome.AgentId), cancellationToken);
    }
}
