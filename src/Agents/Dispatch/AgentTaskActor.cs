using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>One task attempt: who holds it and until when, and how it ended. Keyed by the task id; its record is durable, so every
/// replica and every restart sees the same assignment.</summary>
/// <remarks>
/// <para>A dispatch matches an agent (see <see cref="AgentTaskActor.TryAssignAsync"/>) and hands the task over: to an external agent as
/// a <c>task</c> in its inbox under a lease that its heartbeats extend, to an in-process agent as a direct message run off the turn.
/// With no candidate the task waits and matching is retried with back-off. One reminder, re-registered as needed, drives the retries,
/// the lease and the offline check.</para>
/// <para>Every outcome that ends the attempt on its own is reported off the turn by the <see cref="TaskOutcomeReporter"/>, never from
/// inside it: the receiver (a workflow instance) may cancel other tasks in its own turn, and a turn waiting on it could deadlock.
/// A second dispatch of a finished task reports its outcome again (at-least-once after a restart).</para>
/// </remarks>
internal sealed partial class AgentTaskActor : Actor
{
    public const string TypeName = "agent-task";
    public const string DispatchMethod = "dispatch";
    public const string ActMethod = "act";
    public const string CancelMethod = "cancel";
    public const string GetMethod = "get";

    private const string StateKey = "task";
    private const string CheckReminder = "check";

    private readonly AgentTaskContext _context;
    private AgentTaskRecord? _record;

    public AgentTaskActor(ActorHost host, AgentTaskContext context)
        : base(host) => _context = context;

    public static ActorId Address(string taskId) => ActorId.Create(TypeName, taskId);

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = await StateManager.GetStateOrDefaultAsync<AgentTaskRecord?>(StateKey, null, cancellationToken);
        _context.Queue.Activated(_record, _context.Options.LeaseDuration);
    }

    public override ValueTask OnDeactivateAsync(CancellationToken cancellationToken)
    {
        _context.Queue.Deactivated(Id.Key);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        DispatchMethod => await DispatchAsync(ActorPayload.Read<AgentTask>(call), cancellationToken),
        ActMethod => await ActAsync(ActorPayload.Read<TaskAct>(call), cancellationToken),
        CancelMethod => await CancelAsync(ActorPayload.Read<string>(call), cancellationToken),
        GetMethod => _record?.ToStatus(),
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (reminder.Name != CheckReminder)
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        switch (_record?.State)
        {
            case AgentTaskState.Waiting:
                await TryAssignAsync(_record, cancellationToken);
                break;
            case AgentTaskState.Assigned:
                await CheckHolderAsync(_record, cancellationToken);
                break;
            default:
                await UnregisterReminderAsync(CheckReminder, cancellationToken);
                break;
        }
    }

    private async ValueTask<AgentTaskStatus> DispatchAsync(AgentTask task, CancellationToken cancellationToken)
    {
        switch (_record)
        {
            case null:
                var record = new AgentTaskRecord { Task = task, State = AgentTaskState.Waiting, DispatchedAt = Host.Time.GetUtcNow() };
                await TryAssignAsync(record, cancellationToken);
                break;
            case { State: AgentTaskState.Finished, Outcome: { } outcome }:
                _context.Reporter.Report(outcome);
                break;
            case { State: AgentTaskState.Assigned, InProcess: true } assigned when !_context.Runner.IsRunning(assigned.Task.TaskId):
                _context.Runner.Start(assigned.Task, assigned.AgentId!, assigned.Deadline);
                break;
            case { State: AgentTaskState.Assigned, InProcess: false } assigned:
                // Dispatched again after a restart: the agent may have lost the delivery with the lease; it de-duplicates by task id.
                await _context.Inbox.SendAsync(assigned.AgentId!, TaskMessages.Task(assigned), cancellationToken);
                break;
            default:
                break;
        }

        return _record!.ToStatus();
    }

    private async ValueTask<TaskActReply> ActAsync(TaskAct act, CancellationToken cancellationToken)
    {
        if (_record is not { } record)
        {
            return new TaskActReply(TaskActStatus.NotFound, null);
        }

        if (record.AgentId != act.AgentId)
        {
            return new TaskActReply(TaskActStatus.NotAssigned, null);
        }

        if (record.State == AgentTaskState.Finished)
        {
            var same = (act.Kind, record.End) is (TaskActKind.Complete, AgentTaskEnd.Completed) or (TaskActKind.Fail, AgentTaskEnd.Failed)
                or (TaskActKind.Reject, AgentTaskEnd.Rejected);
            return new TaskActReply(same ? TaskActStatus.Duplicate : TaskActStatus.Late, record.ToStatus());
        }

        var now = Host.Time.GetUtcNow();
        _context.Queue.Acted(record, now);
        switch (act.Kind)
        {
            case TaskActKind.Heartbeat:
                var extended = record with { LeaseUntil = now + _context.Options.LeaseDuration };
                await SaveAsync(extended, cancellationToken);
                break;
            case TaskActKind.Complete:
                await FinishAsync(record with { Output = act.Output }, AgentTaskEnd.Completed, null, cancellationToken);
                break;
            case TaskActKind.Fail:
                await FinishAsync(record, AgentTaskEnd.Failed, act.Error ?? "The agent reported a failure without an error message.", cancellationToken);
                break;
            default:
                await FinishAsync(record, AgentTaskEnd.Rejected, $"Agent '{act.AgentId}' rejected the task" + (act.Error is { Length: > 0 } why ? $": {why}" : "."), cancellationToken);
                break;
        }

        return new TaskActReply(TaskActStatus.Accepted, _record!.ToStatus());
    }

    private async ValueTask<bool> CancelAsync(string reason, CancellationToken cancellationToken)
    {
        if (_record is not { State: not AgentTaskState.Finished } record)
        {
            return false;
        }

        await FinishAsync(record, AgentTaskEnd.Cancelled, reason, cancellationToken);
        return true;
    }

    private async ValueTask SaveAsync(AgentTaskRecord record, CancellationToken cancellationToken)
    {
        StateManager.SetState(StateKey, record);
        await StateManager.SaveStateAsync(cancellationToken);
        _record = record;
    }
}
