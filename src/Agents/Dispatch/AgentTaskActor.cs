using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

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
/// <para>A cancel that arrives before the dispatch is remembered: the dispatch then ends the attempt as cancelled and nobody is
/// handed the task. An ended attempt (or such a cancel) is kept for <see cref="AgentTaskOptions.RetainEnded"/>, so duplicate and
/// late acts still get their answer; the same reminder then removes its state.</para>
/// </remarks>
internal sealed partial class AgentTaskActor : Actor
{
    public const string TypeName = "agent-task";
    public const string DispatchMethod = "dispatch";
    public const string ActMethod = "act";
    public const string CancelMethod = "cancel";
    public const string GetMethod = "get";

    private const string StateKey = "task";
    private const string CancelledKey = "cancelled";
    private const string CheckReminder = "check";

    private readonly AgentTaskContext _context;
    private AgentTaskRecord? _record;

    // Why the attempt was cancelled before it was dispatched; null unless such a cancel came first.
    private string? _cancelledBeforeDispatch;

    public AgentTaskActor(ActorHost host, AgentTaskContext context)
        : base(host) => _context = context;

    public static ActorId Address(string taskId) => ActorId.Create(TypeName, taskId);

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = await StateManager.GetStateOrDefaultAsync<AgentTaskRecord?>(StateKey, null, cancellationToken);
        if (_record is null)
        {
            _cancelledBeforeDispatch = await StateManager.GetStateOrDefaultAsync<string?>(CancelledKey, null, cancellationToken);
        }

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
            case AgentTaskState.Finished when _record.EndedAt is { } endedAt && Host.Time.GetUtcNow() - endedAt < _context.Options.RetainEnded:
                // A holder check that was already on its way when the attempt ended: duplicate and late acts still get their
                // answer until RetainEnded has passed since the end.
                await RegisterReminderAsync(new ReminderRegistration(CheckReminder, _context.Options.RetainEnded - (Host.Time.GetUtcNow() - endedAt)), cancellationToken);
                break;
            default:
                // Ended (or cancelled before its dispatch) at least RetainEnded ago: nothing may still ask, so the state goes.
                await ForgetAsync(cancellationToken);
                break;
        }
    }

    private async ValueTask<AgentTaskStatus> DispatchAsync(AgentTask task, CancellationToken cancellationToken)
    {
        switch (_record)
        {
            case null when _cancelledBeforeDispatch is { } reason:
                // The cancel came first: the attempt ends here, no agent is handed it, and (cancelled) it is not reported.
                var cancelled = new AgentTaskRecord
                {
                    Task = task with { Input = null },
                    State = AgentTaskState.Finished,
                    DispatchedAt = Host.Time.GetUtcNow(),
                    End = AgentTaskEnd.Cancelled,
                    EndedAt = Host.Time.GetUtcNow(),
                    Error = reason,
                };
                StateManager.RemoveState(CancelledKey);
                await SaveAsync(cancelled, cancellationToken);
                _cancelledBeforeDispatch = null;
                break;
            case null:
                var record = new AgentTaskRecord { Task = task, State = AgentTaskState.Waiting, DispatchedAt = Host.Time.GetUtcNow() };
                await TryAssignAsync(record, cancellationToken);
                break;
            case { State: AgentTaskState.Finished, Outcome: { } outcome }:
                _context.Reporter.Report(outcome);
                break;
            case { State: AgentTaskState.Assigned, InProcess: true } assigned when !_context.Runner.IsRunning(assigned.Task.TaskId):
                // Resumed after a restart: the agent's count of tasks in flight started from zero with the process.
                _context.Runner.Start(assigned.Task, assigned.AgentId!, assigned.Deadline);
                await _context.Workload.TaskStartedAsync(assigned.AgentId!, cancellationToken);
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
                await FinishAsync(record with { Output = act.Output, Usage = act.Usage }, AgentTaskEnd.Completed, null, cancellationToken);
                break;
            case TaskActKind.Fail:
                await FinishAsync(record with { Usage = act.Usage }, AgentTaskEnd.Failed, act.Error ?? "The agent reported a failure without an error message.", cancellationToken);
                break;
            default:
                await FinishAsync(record, AgentTaskEnd.Rejected, $"Agent '{act.AgentId}' rejected the task" + (act.Error is { Length: > 0 } why ? $": {why}" : "."), cancellationToken);
                break;
        }

        return new TaskActReply(TaskActStatus.Accepted, _record!.ToStatus());
    }

    private async ValueTask<bool> CancelAsync(string reason, CancellationToken cancellationToken)
    {
        switch (_record)
        {
            case null when _cancelledBeforeDispatch is null:
                // Before the dispatch: remember the cancel so that the dispatch, when it comes, hands the task to nobody.
                StateManager.SetState(CancelledKey, reason);
                await Task.WhenAll(
                    StateManager.SaveStateAsync(cancellationToken).AsTask(),
                    RegisterReminderAsync(new ReminderRegistration(CheckReminder, _context.Options.RetainEnded), cancellationToken));
                _cancelledBeforeDispatch = reason;
                return true;
            case { State: not AgentTaskState.Finished } record:
                await FinishAsync(record, AgentTaskEnd.Cancelled, reason, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Removes everything this attempt stored; an act on it afterwards finds no task.</summary>
    private async ValueTask ForgetAsync(CancellationToken cancellationToken)
    {
        StateManager.RemoveState(StateKey);
        StateManager.RemoveState(CancelledKey);
        await Task.WhenAll(StateManager.SaveStateAsync(cancellationToken).AsTask(), UnregisterReminderAsync(CheckReminder, cancellationToken));
        _record = null;
        _cancelledBeforeDispatch = null;
    }

    private async ValueTask SaveAsync(AgentTaskRecord record, CancellationToken cancellationToken)
    {
        StateManager.SetState(StateKey, record);
        await StateManager.SaveStateAsync(cancellationToken);
        _record = record;
    }
}
