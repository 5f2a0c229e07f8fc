using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Commands wanted by the decider until their events are recorded.</summary>
public sealed partial class WorkflowExecution
{
    private readonly List<OutboxEntry> _outbox = [];
    private readonly Dictionary<string, OutboxEntry> _unrecordedTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutboxEntry> _unrecordedSkips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutboxEntry> _unrecordedJoins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutboxEntry> _unrecordedRecords = new(StringComparer.Ordinal);
    private OutboxEntry? _finishEntry;
    private int _outstanding;
    private int _outboxHead;

    /// <summary>The commands whose events are not in the history yet, in the order their events must be appended.</summary>
    public IReadOnlyList<WorkflowCommand> GetCommands()
    {
        if (_outstanding == 0)
        {
            return [];
        }

        while (_outbox[_outboxHead].Done)
        {
            _outboxHead++;
        }

        var commands = new List<WorkflowCommand>(_outstanding);
        for (var i = _outboxHead; i < _outbox.Count; i++)
        {
            var entry = _outbox[i];
            if (!entry.Done)
            {
                entry.Built ??= Build(entry);
                commands.Add(entry.Built);
            }
        }

        return commands;
    }

    private void Enqueue(OutboxEntry entry)
    {
        _outbox.Add(entry);
        _outstanding++;
    }

    private void MarkDone(OutboxEntry entry)
    {
        if (entry.Done)
        {
            return;
        }

        entry.Done = true;
        if (--_outstanding == 0)
        {
            _outbox.Clear();
            _outboxHead = 0;
        }
    }

    private void Drop(OutboxEntry entry) => MarkDone(entry);

    private void DropAllButCancellations()
    {
        foreach (var entry in _outbox.ToList())
        {
            if (!entry.Done && entry.Kind != OutboxKind.CancelTimer)
            {
                Drop(entry);
            }
        }
    }

    private void RecordMarker(Dictionary<string, OutboxEntry> unrecorded, string stepId, WorkflowEvent recorded)
    {
        if (!unrecorded.Remove(stepId, out var entry))
        {
            throw new WorkflowReplayException($"{recorded.GetType().Name} for step '{stepId}' was not asked for by the decider", recorded.Sequence);
        }

        MarkDone(entry);
    }

    private void OnFinishRecorded(WorkflowEvent recorded)
    {
        var expected = recorded is WorkflowCompleted ? OutboxKind.CompleteWorkflow : OutboxKind.FailWorkflow;
        if (_finishEntry is null || _finishEntry.Kind != expected)
        {
            throw new WorkflowReplayException($"{recorded.GetType().Name} does not match the decider's decision ({Status})", recorded.Sequence);
        }

        MarkDone(_finishEntry);
    }

    /// <summary>The command of a timer, for the outbox and for the state's active timers alike.</summary>
    private CreateTimer CreateTimerCommand(TimerRuntime timer) =>
        new() { TimerId = timer.Id, StepId = _planSteps[timer.Step].Id, FireAt = timer.FireAt, Purpose = timer.Purpose };

    private WorkflowCommand Build(OutboxEntry entry)
    {
        switch (entry.Kind)
        {
            case OutboxKind.ScheduleTask:
                var plan = _planSteps[entry.Step];
                _resolver.Cutoff = entry.Cutoff;
                _resolver.Context = plan;
                return new ScheduleTask
                {
                    TaskId = entry.Key!,
                    StepId = plan.Id,
                    Attempt = entry.Attempt,
                    Agent = plan.CandidatesSource is { } candidates && plan.Agent is { } agent
                        ? agent with { Agents = AgentCandidates.Narrow(AgentCandidates.FromResolved(candidates.Resolve(_resolver)), agent.Agents) }
                        : plan.Agent,
                    Workflow = plan.ChildDefinition is { } child
                        ? new ChildWorkflowCall { InstanceId = _instanceId.Child(plan.Ref).Value, DefinitionId = child, Version = plan.ChildVersion }
                        : null,
                    Input = plan.Input?.Resolve(_resolver),
                    Timeout = plan.Timeout,
                    Priority = plan.Priority,
                };
            case OutboxKind.CreateTimer:
                return CreateTimerCommand(entry.Timer!);
            case OutboxKind.CancelTimer:
                return new CancelTimer { TimerId = entry.Key! };
            case OutboxKind.SkipStep:
                return new SkipStep { StepId = entry.Key!, Reason = entry.Text! };
            case OutboxKind.JoinBranches:
                return new JoinBranches { StepId = entry.Key!, Branches = entry.Branches! };
            case OutboxKind.RecordItems:
                return BuildRecordItems(entry);
            case OutboxKind.RecordPlan:
                return BuildRecordPlan(entry);
            case OutboxKind.CompleteWorkflow:
                return new CompleteWorkflow { Output = entry.Output };
            default:
                return new FailWorkflow { Error = entry.Text! };
        }
    }
}
