using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Child workflows: the parts of a <c>workflow</c> step's attempt that need I/O, run from activities.</summary>
public sealed partial class DaprWorkflowClient
{
    /// <summary>Resolves and checks what the child of <paramref name="schedule"/> runs, clears a child of an earlier attempt
    /// under the same id (terminating it first if it still runs), and indexes the new child.</summary>
    internal async ValueTask<PrepareChildActivity.Prepared> PrepareChildAsync(ScheduleTask schedule, string? traceParent, CancellationToken cancellationToken)
    {
        var call = schedule.Workflow ?? throw new ArgumentException($"Task '{schedule.TaskId}' does not run a child workflow.", nameof(schedule));
        var childId = WorkflowInstanceId.Parse(call.InstanceId);
        if (await ReadAsync(childId, cancellationToken) is { } earlier)
        {
            if (!IsFinished(earlier.State.Status))
            {
                await _client.TerminateWorkflowAsync(childId.Value, $"replaced by attempt {schedule.Attempt} of its parent step", cancellationToken);
                earlier = await SettleTerminatedAsync(childId, cancellationToken);
            }

            await PurgeAsync(childId, earlier, cancellationToken);
        }

        var (plan, failure) = await WorkflowStartPlan.PrepareChildAsync(schedule, this, _time.GetUtcNow(), cancellationToken);
        if (plan is null)
        {
            return new PrepareChildActivity.Prepared(null, failure!.Error);
        }

        await _index.PutAsync(plan.Summary, cancellationToken);
        return new PrepareChildActivity.Prepared(StartInput(plan, schedule.Input, traceParent, schedule.TaskId), null);
    }

    /// <summary>Terminates the child of the parent attempt <paramref name="parentTaskId"/>; a child started by another attempt,
    /// or one that has ended, is left alone.</summary>
    internal async ValueTask TerminateChildAsync(string childInstanceId, string parentTaskId, string reason, CancellationToken cancellationToken)
    {
        var childId = WorkflowInstanceId.Parse(childInstanceId);
        if (await ReadAsync(childId, cancellationToken) is not { } child || child.State.ParentTaskId != parentTaskId || IsFinished(child.State.Status))
        {
            return;
        }

        await _client.TerminateWorkflowAsync(childId.Value, reason, cancellationToken);
        await SettleTerminatedAsync(childId, cancellationToken);
    }
}
