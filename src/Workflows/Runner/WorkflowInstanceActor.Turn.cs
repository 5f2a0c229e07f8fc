using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Runner;

internal sealed partial class WorkflowInstanceActor
{
    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        var (found, definition) = await StateManager.TryGetStateAsync<WorkflowDefinition>(DefinitionKey, cancellationToken);
        _definition = found ? definition : null;
        await _history.LoadAsync(cancellationToken);
        _state = Exists ? Decide().State : null;
        _loaded = true;
    }

    /// <summary>Appends <paramref name="incoming"/> (if any) and the events of every command the decider asks for,
    /// commits them, then performs the commands.</summary>
    private async ValueTask AdvanceAsync(WorkflowEvent? incoming, CancellationToken cancellationToken)
    {
        var wasFinished = IsFinished;
        var now = Host.Time.GetUtcNow();
        if (incoming is not null)
        {
            _history.Add(incoming with { Sequence = _history.Count + 1, Timestamp = now });
        }

        List<WorkflowCommand>? commands = null;
        var decision = Decide();
        for (var round = 0; decision.Commands.Count > 0; round++)
        {
            if (round == MaxDecisionRounds)
            {
                throw new InvalidOperationException($"The decider of workflow {Id.Key} still asked for commands after {MaxDecisionRounds} rounds.");
            }

            commands ??= [];
            foreach (var command in decision.Commands)
            {
                _history.Add(command.ToEvent(_history.Count + 1, now));
                commands.Add(command);
            }

            decision = Decide();
        }

        var timersBefore = _state?.ActiveTimers;
        _state = decision.State;
        if (_history.HasUnsaved)
        {
            _history.Stage();
            await StateManager.SaveStateAsync(cancellationToken);
        }

        if (commands is not null)
        {
            await PerformAsync(commands, cancellationToken);
        }

        if (IsFinished && !wasFinished)
        {
            await DisarmAllAsync(timersBefore, cancellationToken);
            Log.InstanceFinished(_logger, Id.Key, _state.Status);
            await ReportToIndexAsync(cancellationToken);
            _signals.Finished(_state);
        }
    }

    private async ValueTask PerformAsync(List<WorkflowCommand> commands, CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case ScheduleTask schedule:
                    await _dispatcher.DispatchAsync(ToTask(schedule), cancellationToken);
                    break;
                case CreateTimer create:
                    await ArmAsync(create.TimerId, create.FireAt, cancellationToken);
                    break;
                case CancelTimer cancel:
                    await UnregisterReminderAsync(InstanceMethods.TimerReminderPrefix + cancel.TimerId, cancellationToken);
                    break;
                default:
                    // SkipStep, JoinBranches, CompleteWorkflow and FailWorkflow have no effect beyond their event.
                    break;
            }
        }
    }

    private Task ArmAsync(string timerId, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var due = fireAt - Host.Time.GetUtcNow();
        return RegisterReminderAsync(
            new ReminderRegistration(InstanceMethods.TimerReminderPrefix + timerId, due > TimeSpan.Zero ? due : TimeSpan.Zero),
            cancellationToken);
    }

    private async ValueTask DisarmAllAsync(IReadOnlyList<ActiveTimer>? timers, CancellationToken cancellationToken)
    {
        foreach (var timer in timers ?? [])
        {
            await UnregisterReminderAsync(InstanceMethods.TimerReminderPrefix + timer.TimerId, cancellationToken);
        }

        foreach (var timer in _state?.ActiveTimers ?? [])
        {
            await UnregisterReminderAsync(InstanceMethods.TimerReminderPrefix + timer.TimerId, cancellationToken);
        }
    }

    private ValueTask ReportToIndexAsync(CancellationToken cancellationToken)
    {
        var state = _state!;
        var summary = new WorkflowInstanceSummary
        {
            InstanceId = Id.Key,
            DefinitionId = state.DefinitionId,
            DefinitionVersion = state.DefinitionVersion,
            Status = state.Status,
            CreatedAt = state.StartedAt ?? Host.Time.GetUtcNow(),
            EndedAt = state.EndedAt,
        };
        return Host.Runtime.PostAsync(WorkflowIndexShards.ActorFor(Id.Key, _options.IndexShards), IndexMethods.Update, summary, cancellationToken);
    }

    private WorkflowDecision Decide() => WorkflowDecider.Decide(_definition!, _history.Events);
}
