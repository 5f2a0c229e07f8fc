using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Child workflows of the actor engine: an instance actor hands the attempts of its <c>workflow</c> steps here
/// instead of to the dispatch port.</summary>
/// <remarks>Every call between a parent and a child runs on the thread pool, never inside the caller's turn: a parent's turn
/// may start or terminate a child whose own turn reports back to the parent, and a turn waiting for the other would
/// deadlock. Each call is idempotent and repeated from the durable side after a restart: the parent dispatches its pending
/// child attempts again on resume (a child that already finished answers with its outcome at once), and a finished child
/// reports to its parent again when it is resumed.</remarks>
public sealed partial class WorkflowService : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Stops the calls between parents and children still running in the background; they are repeated after a restart.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    /// <summary>Starts (or finds) the child instance of a <c>workflow</c> step's attempt and, if it already finished, reports
    /// its outcome to the parent.</summary>
    internal void LaunchChild(ScheduleTask schedule) => InBackground(schedule.TaskId, token => LaunchChildAsync(schedule, token));

    /// <summary>Terminates the child of an attempt the parent stopped awaiting (timeout, termination, abandoned branch); a
    /// child started by another attempt of the step is left alone.</summary>
    internal void TerminateChild(string taskId, ChildWorkflowCall call, string reason) => InBackground(taskId, async token =>
    {
        var child = WorkflowInstanceId.Parse(call.InstanceId);
        await CallInstanceAsync(child, InstanceMethods.Terminate, new TerminateInstance(reason, taskId), token);
    });

    /// <summary>Reports a finished child's outcome to the parent attempt that started it (ignored there unless still awaited).</summary>
    internal void ReportToParent(WorkflowInstanceState child)
    {
        if (child.ParentTaskId is not { } taskId || ChildWorkflowOutcome.ResultOf(taskId, child) is not { } result)
        {
            return;
        }

        InBackground(taskId, token => ReportAsync(result, token));
    }

    private async Task LaunchChildAsync(ScheduleTask schedule, CancellationToken cancellationToken)
    {
        var call = schedule.Workflow!;
        var childId = WorkflowInstanceId.Parse(call.InstanceId);
        var existing = await GetStatusAsync(childId, cancellationToken);
        if (existing is not null && existing.ParentTaskId == schedule.TaskId)
        {
            await ReportIfFinishedAsync(schedule.TaskId, existing, cancellationToken);
            return;
        }

        if (existing is not null)
        {
            // A child left by an earlier attempt of the step: this attempt runs a fresh child under the same id.
            await CallInstanceAsync(childId, InstanceMethods.Terminate, new TerminateInstance($"replaced by attempt {schedule.Attempt} of its parent step", existing.ParentTaskId), cancellationToken);
            await PurgeAsync(childId, cancellationToken);
        }

        var (plan, failure) = await WorkflowStartPlan.PrepareChildAsync(schedule, this, _time.GetUtcNow(), cancellationToken);
        if (plan is null)
        {
            await ReportAsync(failure!, cancellationToken);
            return;
        }

        await _index.AddAsync(plan.Summary, cancellationToken);
        var reply = await CallInstanceAsync(
            childId, InstanceMethods.Start, new StartInstance(childId, plan.Definition, schedule.Input, null, schedule.TaskId), cancellationToken);
        await ReportIfFinishedAsync(schedule.TaskId, reply.State!, cancellationToken);
    }

    private async Task ReportIfFinishedAsync(string taskId, WorkflowInstanceState child, CancellationToken cancellationToken)
    {
        if (ChildWorkflowOutcome.ResultOf(taskId, child) is { } result)
        {
            await ReportAsync(result, cancellationToken);
        }
    }

    private Task ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken) =>
        _results.ReportAsync(result, cancellationToken).AsTask();

    private void InBackground(string taskId, Func<CancellationToken, Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work(_stopping.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // The durable side repeats the call after a restart (see the remarks).
            Log.ChildCallFailed(_logger, taskId, exception);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    });
}
