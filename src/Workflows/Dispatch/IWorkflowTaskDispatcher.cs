namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Delivers workflow tasks to agents; the result comes back later through <see cref="IWorkflowTaskResultSink"/>.</summary>
/// <remarks>
/// The runner calls <see cref="DispatchAsync"/> only after the task's <c>TaskScheduled</c> event is durable, and calls it
/// again with the same <see cref="WorkflowTask.TaskId"/> after a restart when no result was recorded (at-least-once).
/// Implementations must not block until the task has run: accept it, return, and report the outcome to the sink.
/// </remarks>
public interface IWorkflowTaskDispatcher
{
    /// <summary>Accepts <paramref name="task"/> for delivery.</summary>
    ValueTask DispatchAsync(WorkflowTask task, CancellationToken cancellationToken = default);
}
