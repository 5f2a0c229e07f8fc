using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>The history event a task result becomes, the same in every engine.</summary>
public static class WorkflowTaskResultEvents
{
    /// <summary><see cref="TaskCompleted"/> for a success, <see cref="TaskFailed"/> for a failure (sequence and timestamp
    /// are the engine's to stamp).</summary>
    public static WorkflowEvent ToEvent(this WorkflowTaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded
            ? new TaskCompleted { TaskId = result.TaskId, Output = result.Output, AgentId = result.AgentId, Usage = result.Usage }
            : new TaskFailed { TaskId = result.TaskId, Error = result.Error ?? "The task failed without an error message.", AgentId = result.AgentId, Usage = result.Usage };
    }
}
