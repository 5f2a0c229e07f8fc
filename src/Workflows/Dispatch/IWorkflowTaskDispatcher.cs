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

    /// <summary>Tells the dispatcher that the workflow no longer awaits the dispatched task <paramref name="taskId"/> (its attempt
    /// timed out, or its step or instance ended), so the agent running it can be told to stop; a result reported later is ignored.</summary>
    /// <remarks>Best effort and at most once per task: engines call it after the event that ended the wait is durable, and not again
    /// after a restart. The default does nothing (dispatchers whose tasks cannot be stopped).</remarks>
    /// <param name="taskId">The task id of the abandoned attempt.</param>
    /// <param name="reason">Why, for the agent (for example <c>timed out</c>, <c>terminated</c>).</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    ValueTask CancelAsync(string taskId, string reason, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
