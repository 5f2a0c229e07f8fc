using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Hosts one workflow instance: appends events durably, runs the decider, then performs the commands.</summary>
/// <remarks>
/// Every turn follows the same order: add the incoming events (one, or every awaited result of a batch the
/// <see cref="ActorTaskResultSink"/> sent), decide, turn each new command into its event, commit the appended events once together
/// with the reminder writes of the turn's timers (the runtime's group commit makes them durable), and only then dispatch tasks.
/// Timers are reminders named <c>wf-timer:{timer id}</c>. After a restart the <c>resume</c> call dispatches
/// the pending tasks again with their ids and re-registers the reminders of active timers.
/// </remarks>
internal sealed partial class WorkflowInstanceActor : Actor
{
    private const string DefinitionKey = "definition";
    private const int MaxDecisionRounds = 64;

    private readonly IWorkflowTaskDispatcher _dispatcher;
    private readonly WorkflowService _children;
    private readonly WorkflowIndexWriter _index;
    private readonly WorkflowCompletionSignals _signals;
    private readonly WorkflowRunnerOptions _options;
    private readonly WorkflowLimitsOptions? _limits;
    private readonly ILogger _logger;
    private readonly WorkflowHistoryLog _history;
    private readonly WorkflowInstanceId _instanceId;

    // Every task scheduled and not yet answered, with its task_scheduled event (its traceparent and start, for the dispatched
    // task and the step's span).
    private readonly Dictionary<string, TaskScheduled> _awaitedTasks = new(StringComparer.Ordinal);

    // Tasks this activation has dispatched and whose result is not recorded yet: they are in flight in this process, so
    // resume must not dispatch them again (a reminder due at start-up can schedule a task before resume runs).
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // The traceparent the instance was started under: the fallback for tasks scheduled with no activity current (a turn does
    // not see its caller's activity).
    private string? _startTraceParent;
    private WorkflowExecution? _execution;
    private WorkflowInstanceState? _snapshot;
    private bool _loaded;
    private bool _timersUnsure;

    public WorkflowInstanceActor(
        ActorHost host,
        IWorkflowTaskDispatcher dispatcher,
        WorkflowService children,
        WorkflowIndexWriter index,
        WorkflowCompletionSignals signals,
        WorkflowRunnerOptions options,
        WorkflowLimitsOptions? limits,
        ILogger logger)
        : base(host)
    {
        _limits = limits;
        _dispatcher = dispatcher;
        _children = children;
        _index = index;
        _signals = signals;
        _options = options;
        _logger = logger;
        _history = new WorkflowHistoryLog(host.StateManager, options.HistoryPageSize);
        _instanceId = WorkflowInstanceId.Parse(host.Id.Key);
    }

    private bool Exists => _execution is not null;

    private bool IsFinished => _execution is { Status: WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated };

    /// <summary>The instance snapshot, built on demand and kept until the next append.</summary>
    private WorkflowInstanceState State => _snapshot ??= _execution!.GetState();

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        try
        {
            return call.Method switch
            {
                InstanceMethods.Start => await StartAsync(ActorPayload.Read<StartInstance>(call), cancellationToken),
                InstanceMethods.Status => Reply(Exists ? InstanceOutcome.Done : InstanceOutcome.NotFound),
                InstanceMethods.History => Exists ? _history.Events.ToList() : null,
                InstanceMethods.TaskResults => await TaskResultsAsync(ActorPayload.Read<RecordTaskResults>(call).Results, cancellationToken),
                InstanceMethods.RaiseEvent => await RaiseEventAsync(ActorPayload.Read<RaiseEvent>(call), cancellationToken),
                InstanceMethods.Terminate => await TerminateAsync(ActorPayload.Read<TerminateInstance>(call), cancellationToken),
                InstanceMethods.Resume => await ResumeAsync(cancellationToken),
                InstanceMethods.Purge => await PurgeAsync(cancellationToken),
                _ => throw new ActorMethodNotFoundException(Id, call.Method),
            };
        }
        catch
        {
            // The turn's writes are discarded; reload from the store on the next turn.
            Unload();
            throw;
        }
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (!reminder.Name.StartsWith(InstanceMethods.TimerReminderPrefix, StringComparison.Ordinal))
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        await EnsureLoadedAsync(cancellationToken);
        var timerId = reminder.Name[InstanceMethods.TimerReminderPrefix.Length..];
        if (!Exists || IsFinished || !_execution!.IsTimerLive(timerId))
        {
            Log.Ignored(_logger, "timer " + timerId, Id.Key, "the timer is no longer active");
            return;
        }

        try
        {
            await AdvanceAsync(new TimerFired { TimerId = timerId }, cancellationToken);
        }
        catch
        {
            Unload();
            throw;
        }
    }

    private async ValueTask<InstanceReply> StartAsync(StartInstance start, CancellationToken cancellationToken)
    {
        if (Exists)
        {
            return Reply(InstanceOutcome.Existing);
        }

        Begin(start.Definition);
        StateManager.SetState(DefinitionKey, new StoredWorkflowDefinition(start.Definition));
        await AdvanceAsync(
            new WorkflowStarted
            {
                InstanceId = start.InstanceId.Value,
                DefinitionId = start.Definition.Id,
                DefinitionVersion = start.Definition.Version,
                Input = start.Input,
                TraceParent = start.TraceParent,
                ParentTaskId = start.ParentTaskId,
            },
            cancellationToken);
        Log.InstanceStarted(_logger, start.InstanceId.Value, start.Definition.Id, start.Definition.Version);
        return Reply(InstanceOutcome.Done);
    }

    /// <summary>Appends every result the instance still awaits, then decides, commits and performs the commands once for all.</summary>
    private async ValueTask<InstanceReply> TaskResultsAsync(IReadOnlyList<WorkflowTaskResult> results, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return Reply(InstanceOutcome.NotFound);
        }

        var wasFinished = IsFinished;
        var now = Host.Time.GetUtcNow();
        WorkflowEvent? cause = null;
        foreach (var result in results)
        {
            // Asked after the results before it were folded: one of them may have ended the instance or abandoned this task.
            if (!_execution!.IsAwaiting(result.TaskId))
            {
                Log.Ignored(_logger, "result of " + result.TaskId, Id.Key, "the task is not awaited");

                // Its agent has finished, so the turn must not ask the dispatcher to cancel it.
                _inFlight.Remove(result.TaskId);
                continue;
            }

            var appended = AppendIncoming(result.ToEvent(), now);
            cause ??= appended;
        }

        if (cause is null)
        {
            return Bare(InstanceOutcome.Conflict);
        }

        await CommitTurnAsync(cause, wasFinished, now, cancellationToken);
        return Bare(InstanceOutcome.Done);
    }

    private ValueTask<InstanceReply> RaiseEventAsync(RaiseEvent raise, CancellationToken cancellationToken) =>
        AppendWhileRunningAsync(new EventRaised { Name = raise.Name, Payload = raise.Payload }, cancellationToken);

    private ValueTask<InstanceReply> TerminateAsync(TerminateInstance terminate, CancellationToken cancellationToken) =>
        terminate.ParentTaskId is { } parentTask && Exists && State.ParentTaskId != parentTask
            ? ValueTask.FromResult(Reply(InstanceOutcome.Conflict))
            : AppendWhileRunningAsync(new WorkflowTerminated { Reason = terminate.Reason }, cancellationToken);

    /// <summary>Appends an operator's event to a running instance; a finished one answers a conflict.</summary>
    private async ValueTask<InstanceReply> AppendWhileRunningAsync(WorkflowEvent e, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return Reply(InstanceOutcome.NotFound);
        }

        if (IsFinished)
        {
            return Reply(InstanceOutcome.Conflict);
        }

        await AdvanceAsync(e, cancellationToken);
        return Reply(InstanceOutcome.Done);
    }

    private async ValueTask<InstanceReply> ResumeAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return Reply(InstanceOutcome.NotFound);
        }

        // Commands decided but not appended before a crash are appended and performed here.
        await AdvanceAsync(null, cancellationToken);
        if (IsFinished)
        {
            // Whatever a crash may have cut short after the end was recorded: the report to a parent, the termination of children.
            _children.ReportToParent(State);
            foreach (var scheduled in _awaitedTasks.Values)
            {
                if (scheduled.Workflow is { } child)
                {
                    _children.TerminateChild(scheduled.TaskId, child, $"its parent workflow '{_instanceId}' has ended ({State.Status})");
                }
            }

            await ReportToIndexAsync(cancellationToken);
            _signals.Finished(State);
            return Bare(InstanceOutcome.Done);
        }

        var state = State;
        await ArmActiveTimersAsync(cancellationToken);
        var redispatched = 0;
        foreach (var pending in state.PendingTasks)
        {
            if (!_inFlight.Contains(pending.TaskId))
            {
                await DispatchAsync(pending.Task, cancellationToken);
                redispatched++;
            }
        }

        Log.InstanceResumed(_logger, Id.Key, _history.Count, redispatched, state.ActiveTimers.Count);
        return Bare(InstanceOutcome.Done);
    }

    private async ValueTask<InstanceReply> PurgeAsync(CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            return Reply(InstanceOutcome.NotFound);
        }

        if (!IsFinished)
        {
            return Reply(InstanceOutcome.Conflict);
        }

        var state = State;
        _history.StageRemoval();
        StateManager.RemoveState(DefinitionKey);
        await StateManager.SaveStateAsync(cancellationToken);
        _execution = null;
        _snapshot = null;
        _awaitedTasks.Clear();
        return new InstanceReply(InstanceOutcome.Done, state);
    }

    private InstanceReply Reply(InstanceOutcome outcome) => new(outcome, Exists ? State : null);

    /// <summary>A reply without the snapshot, for hot paths whose callers need only the outcome.</summary>
    private static InstanceReply Bare(InstanceOutcome outcome) => new(outcome, null);

    private ValueTask DispatchAsync(ScheduleTask schedule, CancellationToken cancellationToken)
    {
        _inFlight.Add(schedule.TaskId);
        if (schedule.Workflow is not null)
        {
            _children.LaunchChild(schedule);
            return ValueTask.CompletedTask;
        }

        return _dispatcher.DispatchAsync(ToTask(schedule), cancellationToken);
    }

    private WorkflowTask ToTask(ScheduleTask schedule) =>
        new() { InstanceId = _instanceId, Schedule = schedule, TraceParent = _awaitedTasks.GetValueOrDefault(schedule.TaskId)?.TraceParent };
}
