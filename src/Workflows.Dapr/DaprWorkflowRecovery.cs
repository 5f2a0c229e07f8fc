using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>At start-up, dispatches again every task a running instance still awaits, with the same task id.</summary>
/// <remarks>Task results travel as external events, not as activity outputs, so after a crash Dapr has nothing to
/// redeliver for a task whose dispatch activity already completed; this pass plays the part of the actor engine's
/// resume. A task whose result already exists (the status read here may lag behind it) has that result raised again
/// instead of running again. The sidecar may come up after the app, so a failed pass is retried until it succeeds.</remarks>
internal sealed partial class DaprWorkflowRecovery(
    DaprWorkflowIndex index, DaprWorkflowClient client, IWorkflowTaskDispatcher dispatcher, DaprTaskResultSink results, TimeProvider time, ILogger<DaprWorkflowRecovery> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await RecoverAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping before recovery finished: the next start does it.
                return;
            }
            catch (Exception exception)
            {
                LogRetry(logger, attempt, exception);
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        foreach (var summary in await index.ListAsync(stoppingToken))
        {
            if (summary.Status != WorkflowStatus.Running || await client.ReadAsync(summary.InstanceId, stoppingToken) is not { } instance)
            {
                continue;
            }

            var traceParents = instance.History.OfType<TaskScheduled>().Where(e => e.TraceParent is not null).ToDictionary(e => e.TaskId, e => e.TraceParent, StringComparer.Ordinal);
            // A child workflow's attempt is no agent's task: Dapr resumes the child, and the orchestration still awaits it.
            var agentTasks = instance.State.PendingTasks.Where(pending => pending.Task.Workflow is null).ToList();
            foreach (var pending in agentTasks)
            {
                var task = new WorkflowTask { InstanceId = summary.InstanceId, Schedule = pending.Task, TraceParent = traceParents.GetValueOrDefault(pending.TaskId) };
                await results.DeliverAsync(task, dispatcher, stoppingToken);
            }

            LogResumed(logger, summary.InstanceId.Value, agentTasks.Count);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Workflow {InstanceId} resumed on Dapr: {PendingTasks} tasks dispatched again")]
    private static partial void LogResumed(ILogger logger, string instanceId, int pendingTasks);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Resuming workflows on Dapr failed (attempt {Attempt}); retrying in a second")]
    private static partial void LogRetry(ILogger logger, int attempt, Exception exception);
}
