using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

internal sealed partial class WorkflowInstanceActor
{
    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        _execution = null;
        _snapshot = null;
        _awaitedTasks.Clear();
        _startTraceParent = null;
        var (found, stored) = await StateManager.TryGetStateAsync<StoredWorkflowDefinition>(DefinitionKey, cancellationToken);
        if (!found || stored is null)
        {
            // The definition is written and removed in the same commits as the history, so there is no history to read: a
            // new instance skips the reads of its first page and chunk.
            _history.Forget();
            _loaded = true;
            return;
        }

        await _history.LoadAsync(cancellationToken);
        if (_history.Count > 0)
        {
            Begin(stored.Definition);
            foreach (var e in _history.Events)
            {
                Fold(e);
            }
        }

        if (_timersUnsure && Exists && !IsFinished)
        {
            await ArmActiveTimersAsync(cancellationToken);
        }

        _timersUnsure = false;
        _loaded = true;
    }

    /// <summary>Drops what a failed turn left in memory: the next turn reloads from the store and registers the reminders of the live
    /// timers again, since the failed turn may have removed or not yet registered some of them.</summary>
    private void Unload()
    {
        _loaded = false;
        _timersUnsure = true;
    }

    private void Begin(WorkflowDefinition definition) => _execution = new WorkflowDecider(definition, _limits).CreateExecution();

    /// <summary>Folds one event into the decider and the runner's own view of awaited tasks (live timers are the decider's);
    /// answers the <c>task_scheduled</c> of the awaited task a result ends, if any.</summary>
    private TaskScheduled? Fold(WorkflowEvent e)
    {
        _execution!.Apply(e);
        switch (e)
        {
            case WorkflowStarted started:
                _startTraceParent = started.TraceParent;
                return null;
            case TaskScheduled scheduled:
                _awaitedTasks[scheduled.TaskId] = scheduled;
                return null;
            case TaskCompleted completed:
                _inFlight.Remove(completed.TaskId);
                return _awaitedTasks.Remove(completed.TaskId, out var ended) ? ended : null;
            case TaskFailed failed:
                _inFlight.Remove(failed.TaskId);
                return _awaitedTasks.Remove(failed.TaskId, out ended) ? ended : null;
            default:
                return null;
        }
    }

    /// <summary>Appends <paramref name="incoming"/> (if any) and the events of every command the decider asks for,
    /// commits them, then performs the commands.</summary>
    private ValueTask AdvanceAsync(WorkflowEvent? incoming, CancellationToken cancellationToken)
    {
        var wasFinished = IsFinished;
        var now = Host.Time.GetUtcNow();
        if (incoming is not null)
        {
            incoming = AppendIncoming(incoming, now);
        }

        return CommitTurnAsync(incoming, wasFinished, now, cancellationToken);
    }

    /// <summary>Appends an event that comes from outside the decider (a result, a timer, an operator's call) at the next
    /// sequence number.</summary>
    private WorkflowEvent AppendIncoming(WorkflowEvent incoming, DateTimeOffset now)
    {
        var e = incoming with { Sequence = _history.Count + 1, Timestamp = now };
        Append(e);
        return e;
    }

    /// <summary>Appends the events of every command the decider asks for after the turn's incoming events, commits the turn with its
    /// timers' reminder writes, then dispatches its tasks; <paramref name="cause"/> is the turn's first incoming event, if any.</summary>
    private async ValueTask CommitTurnAsync(WorkflowEvent? cause, bool wasFinished, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<WorkflowCommand>? performed = null;
        var commands = _execution!.GetCommands();
        for (var round = 0; commands.Count > 0; round++)
        {
            if (round == MaxDecisionRounds)
            {
                throw new InvalidOperationException($"The decider of workflow {Id.Key} still asked for commands after {MaxDecisionRounds} rounds.");
            }

            performed ??= [];
            foreach (var command in commands)
            {
                var e = command.ToEvent(_history.Count + 1, now);
                Append(e is TaskScheduled scheduled ? scheduled with { TraceParent = TraceParents.Current() ?? _startTraceParent } : e);
                performed.Add(command);
            }

            commands = _execution.GetCommands();
        }

        var writes = new List<Task>();
        if (_history.HasUnsaved)
        {
            _history.Stage();
            writes.Add(StateManager.SaveStateAsync(cancellationToken).AsTask());
        }

        if (performed is not null)
        {
            SetTimers(performed, writes, cancellationToken);
        }

        await Task.WhenAll(writes);
        if (performed is not null)
        {
            await DispatchAllAsync(performed, cancellationToken);
        }

        if (cause is not null)
        {
            await CancelAbandonedAsync(cause, cancellationToken);
        }

        if (IsFinished && !wasFinished)
        {
            await DisarmAllAsync(cancellationToken);
            Log.InstanceFinished(_logger, Id.Key, _execution.Status);
            _children.ReportToParent(State);
            await ReportToIndexAsync(cancellationToken);
            _signals.Finished(State);
        }
    }

    private void Append(WorkflowEvent e)
    {
        _history.Add(e);
        _snapshot = null;
        WorkflowTelemetry.Record(Id.Key, e, Fold(e));
    }

    /// <summary>Starts the reminder writes of the turn's timer commands, adding them to <paramref name="writes"/>: only the last command
    /// per timer matters (registering replaces, removing an unknown reminder is no error).</summary>
    /// <remarks>They go out with the turn's commit rather than after it, so that the group commit takes both: a reminder registered
    /// for a timer whose event is then not committed fires for a timer the decider does not know and is ignored, and a reminder
    /// removed for a timer that then stays live is registered again when the failed turn reloads the instance.</remarks>
    private void SetTimers(List<WorkflowCommand> commands, List<Task> writes, CancellationToken cancellationToken)
    {
        // Per timer, when it is due after the turn, or null when it is cancelled.
        var lastTimerStates = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            switch (command)
            {
                case CreateTimer create:
                    lastTimerStates[create.TimerId] = create.FireAt;
                    break;
                case CancelTimer cancel:
                    lastTimerStates[cancel.TimerId] = null;
                    break;
            }
        }

        foreach (var (timerId, fireAt) in lastTimerStates)
        {
            writes.Add(fireAt is { } due
                ? ArmAsync(timerId, due, cancellationToken)
                : UnregisterReminderAsync(InstanceMethods.TimerReminderPrefix + timerId, cancellationToken));
        }
    }

    /// <summary>Hands the turn's tasks to the dispatcher, once the events that schedule them are committed.</summary>
    private async ValueTask DispatchAllAsync(List<WorkflowCommand> commands, CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            if (command is ScheduleTask schedule)
            {
                await DispatchAsync(schedule, cancellationToken);
            }
        }
    }

    /// <summary>Tells the dispatcher about tasks dispatched by this activation that the decider stopped waiting for in this turn
    /// (an attempt timeout, a termination, an abandoned branch), so their agents can stop.</summary>
    private async ValueTask CancelAbandonedAsync(WorkflowEvent incoming, CancellationToken cancellationToken)
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        List<string>? abandoned = null;
        foreach (var taskId in _inFlight)
        {
            if (!_execution!.IsAwaiting(taskId))
            {
                (abandoned ??= []).Add(taskId);
            }
        }

        if (abandoned is null)
        {
            return;
        }

        var reason = WorkflowTaskCancellation.ReasonFor(incoming);
        foreach (var taskId in abandoned)
        {
            _inFlight.Remove(taskId);
            if (_awaitedTasks.GetValueOrDefault(taskId)?.Workflow is { } child)
            {
                _children.TerminateChild(taskId, child, reason);
                continue;
            }

            await _dispatcher.CancelAsync(taskId, reason, cancellationToken);
        }
    }

    private Task ArmAsync(string timerId, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var due = fireAt - Host.Time.GetUtcNow();
        return RegisterReminderAsync(
            new ReminderRegistration(InstanceMethods.TimerReminderPrefix + timerId, due > TimeSpan.Zero ? due : TimeSpan.Zero),
            cancellationToken);
    }

    /// <summary>Registers the reminder of every live timer (registering replaces), all at once so one group commit can take them.</summary>
    private Task ArmActiveTimersAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(State.ActiveTimers.Select(timer => ArmAsync(timer.TimerId, timer.FireAt, cancellationToken)));

    private async ValueTask DisarmAllAsync(CancellationToken cancellationToken)
    {
        foreach (var timerId in _execution!.LiveTimerIds)
        {
            await UnregisterReminderAsync(InstanceMethods.TimerReminderPrefix + timerId, cancellationToken);
        }
    }

    /// <summary>Records the instance's end in the index and waits for it to be committed, so a caller that sees the
    /// instance finished also finds it finished in the index (a restart does not resume it).</summary>
    private async ValueTask ReportToIndexAsync(CancellationToken cancellationToken)
    {
        var state = State;
        var summary = new WorkflowInstanceSummary
        {
            InstanceId = _instanceId,
            DefinitionId = state.DefinitionId,
            DefinitionVersion = state.DefinitionVersion,
            Status = state.Status,
            CreatedAt = state.StartedAt ?? Host.Time.GetUtcNow(),
            EndedAt = state.EndedAt,
        };
        await _index.SetAsync(summary, cancellationToken);
    }
}
