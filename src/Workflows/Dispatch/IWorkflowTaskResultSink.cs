namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Receives task outcomes and records them in the owning workflow instance's history.</summary>
public interface IWorkflowTaskResultSink
{
    /// <summary>Records <paramref name="result"/>; completes once it is durable in the instance's history (or was ignored
    /// because the task is no longer awaited).</summary>
    /// <exception cref="FormatException">The task id is not a <see cref="Ids.WorkflowTaskId"/>.</exception>
    ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default);
}
