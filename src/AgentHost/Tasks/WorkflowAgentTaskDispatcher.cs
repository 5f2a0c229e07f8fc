using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The host's workflow dispatch port: a step that a built-in in-process handler (<see cref="InProcessTaskAgents"/>, such as
/// <c>echo</c>) matches runs there; every other step goes to registered agents through the <see cref="AgentTaskDispatcher"/>.</summary>
/// <remarks>All attempts of one step (and <c>for_each</c> item) share a work key, the id of its first attempt, so an agent whose
/// attempt failed is not chosen again for that step.</remarks>
public sealed class WorkflowAgentTaskDispatcher(InProcessTaskAgents builtIn, InProcessTaskDispatcher inProcess, AgentTaskDispatcher agents)
    : IWorkflowTaskDispatcher
{
    /// <inheritdoc/>
    public ValueTask DispatchAsync(WorkflowTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return builtIn.Resolve(task.Agent) is not null
            ? inProcess.DispatchAsync(task, cancellationToken)
            : agents.DispatchAsync(ToAgentTask(task), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask CancelAsync(string taskId, string reason, CancellationToken cancellationToken = default) =>
        inProcess.TryCancel(taskId) ? ValueTask.CompletedTask : agents.CancelAsync(taskId, reason, cancellationToken);

    /// <summary>The agent-side form of a workflow task.</summary>
    public static AgentTask ToAgentTask(WorkflowTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = WorkflowTaskId.Parse(task.TaskId);
        return new AgentTask
        {
            TaskId = task.TaskId,
            WorkKey = WorkflowTaskId.Create(id.InstanceId, id.Step, 1).ToString(),
            InstanceId = task.InstanceId.Value,
            StepId = task.StepId,
            Attempt = task.Attempt,
            AgentId = task.Agent.AgentId,
            Capabilities = task.Agent.Capabilities,
            MinConfidence = task.Agent.MinConfidence,
            Role = AgentRoles.TryParse(task.Agent.Role, out var role) ? role : null,
            Agents = task.Agent.Agents,
            Reassign = task.Agent.Reassign ?? true,
            Input = task.Input,
            Timeout = task.Timeout,
            Priority = MessagePriorities.TryParse(task.Priority, out var priority) ? priority : MessagePriority.Normal,
            TraceParent = task.TraceParent ?? TraceParents.Current(),
        };
    }
}
