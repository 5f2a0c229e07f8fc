using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The incremental form of the decider: folds history events one by one and answers the state and the
/// commands not yet recorded at any point. Folding a history into a fresh execution and calling
/// <see cref="Decide"/> is exactly <see cref="WorkflowDecider.Decide(IReadOnlyList{WorkflowEvent})"/>.</summary>
/// <remarks>
/// Deterministic: no clock, randomness or I/O; "now" is the timestamp of the event being applied. Not thread-safe:
/// one execution per instance, used by one turn at a time (the runner's actor turn). Every decision is made while
/// applying the event that caused it, so appending the returned commands' events changes no decision.
/// </remarks>
public sealed partial class WorkflowExecution
{
    private static readonly JsonElement[] StatusNames =
        [.. Enum.GetValues<StepStatus>().Select(s => JsonSerializer.SerializeToElement(s, WorkflowJson.Options))];

    private readonly WorkflowPlan _plan;
    private readonly WorkflowLimitsOptions _limits;

    // The definition's steps and scopes, followed by the copies made at run time for for_each items and plan tasks.
    private readonly List<PlanStep> _planSteps;
    private readonly List<PlanScope> _planScopes;
    private readonly List<StepRuntime> _steps;
    private readonly List<ScopeStatus> _scopes;
    private readonly List<int> _unsettled;
    private readonly Queue<int> _ready = new();
    private readonly Dictionary<string, int> _awaitedTasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimerRuntime> _timers = new(StringComparer.Ordinal);
    private readonly HashSet<TimerRuntime> _liveTimers = [];
    private readonly Dictionary<string, Queue<JsonElement?>> _bufferedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _eventWaiters = new(StringComparer.Ordinal);
    private readonly StateResolver _resolver;
    private readonly SpendTally _spend = new();
    private long _index;
    private DateTimeOffset _now;
    private WorkflowStarted? _started;
    private WorkflowInstanceId _instanceId;

    internal WorkflowExecution(WorkflowPlan plan, WorkflowLimitsOptions limits)
    {
        _plan = plan;
        _limits = limits;
        _planSteps = [.. plan.Steps];
        _planScopes = [.. plan.Scopes];
        _steps = new List<StepRuntime>(plan.Steps.Count);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            _steps.Add(new StepRuntime());
        }

        _scopes = [.. new ScopeStatus[plan.Scopes.Count]];
        _unsettled = [.. new int[plan.Scopes.Count]];
        _resolver = new StateResolver(this);
    }

    /// <summary>The definition being executed.</summary>
    public WorkflowDefinition Definition => _plan.Definition;

    /// <summary>The lifecycle status as decided (a completion is decided before its event is recorded).</summary>
    public WorkflowStatus Status { get; private set; }

    /// <summary>The number of events applied.</summary>
    public long EventCount => _index;

    /// <summary>The instance id from <see cref="WorkflowStarted"/>, or empty before it.</summary>
    public string InstanceId => _started?.InstanceId ?? "";

    /// <summary>Folds every event of <paramref name="events"/> in order.</summary>
    public void ApplyRange(IEnumerable<WorkflowEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events is IReadOnlyList<WorkflowEvent> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Apply(list[i]);
            }

            return;
        }

        foreach (var e in events)
        {
            Apply(e);
        }
    }

    /// <summary>Folds one event: updates the state and makes every decision the event implies.</summary>
    /// <exception cref="WorkflowReplayException">The event does not fit the definition or the history so far.</exception>
    public void Apply(WorkflowEvent workflowEvent)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        if (workflowEvent.SchemaVersion != WorkflowSchema.CurrentVersion)
        {
            throw new WorkflowReplayException(
                $"the event has schema version {workflowEvent.SchemaVersion}, not {WorkflowSchema.CurrentVersion}: read histories as WorkflowEventBatch so older events are upcast",
                workflowEvent.Sequence);
        }

        _index++;
        _now = workflowEvent.Timestamp;
        if (_started is null && workflowEvent is not WorkflowStarted)
        {
            throw new WorkflowReplayException($"a history must start with workflow_started, not {workflowEvent.GetType().Name}", workflowEvent.Sequence);
        }

        switch (workflowEvent)
        {
            case WorkflowStarted started:
                OnStarted(started);
                break;
            case TaskScheduled scheduled:
                OnTaskScheduled(scheduled);
                break;
            case TaskCompleted completed:
                _spend.Add(completed.AgentId, completed.Usage);
                OnTaskCompleted(completed);
                break;
            case TaskFailed failed:
                _spend.Add(failed.AgentId, failed.Usage);
                OnTaskFailed(failed);
                break;
            case TimerCreated created:
                OnTimerCreated(created);
                break;
            case TimerFired fired:
                OnTimerFired(fired);
                break;
            case TimerCancelled cancelled:
                OnTimerCancelled(cancelled);
                break;
            case EventRaised raised:
                OnEventRaised(raised);
                break;
            case StepSkipped skipped:
                RecordMarker(_unrecordedSkips, skipped.StepId, skipped);
                break;
            case BranchJoined joined:
                RecordMarker(_unrecordedJoins, joined.StepId, joined);
                break;
            case ItemsRecorded items:
                OnItemsRecorded(items);
                break;
            case PlanRecorded recordedPlan:
                OnPlanRecorded(recordedPlan);
                break;
            case WorkflowCompleted or WorkflowFailed:
                OnFinishRecorded(workflowEvent);
                break;
            case WorkflowTerminated terminated:
                OnTerminated(terminated);
                break;
            default:
                throw new WorkflowReplayException($"unknown event type {workflowEvent.GetType().Name}", workflowEvent.Sequence);
        }

        Drain();
    }

    /// <summary>The state and the commands not yet recorded.</summary>
    public WorkflowDecision Decide() => new(GetState(), GetCommands());

    /// <summary>Whether the instance still waits for the result of <paramref name="taskId"/>: scheduled, not finished, not timed out or
    /// abandoned, and the instance is running.</summary>
    public bool IsAwaiting(string taskId) => !IsFinished && _awaitedTasks.ContainsKey(taskId);

    private void OnStarted(WorkflowStarted started)
    {
        if (_started is not null)
        {
            throw new WorkflowReplayException("workflow_started appears twice", started.Sequence);
        }

        if (started.DefinitionId != _plan.Definition.Id || started.DefinitionVersion != _plan.Definition.Version)
        {
            throw new WorkflowReplayException(
                $"the history runs definition {started.DefinitionId} v{started.DefinitionVersion}, not {_plan.Definition.Id} v{_plan.Definition.Version}",
                started.Sequence);
        }

        if (!WorkflowInstanceId.TryParse(started.InstanceId, out _instanceId))
        {
            throw new WorkflowReplayException($"'{started.InstanceId}' is not a workflow instance id", started.Sequence);
        }

        _started = started;
        Status = WorkflowStatus.Running;
        StartScope(0);
    }

    private void OnTaskScheduled(TaskScheduled scheduled)
    {
        if (!_unrecordedTasks.TryGetValue(scheduled.TaskId, out var entry))
        {
            throw new WorkflowReplayException($"task {scheduled.TaskId} was not asked for by the decider", scheduled.Sequence);
        }

        _unrecordedTasks.Remove(scheduled.TaskId);
        MarkDone(entry);
        if (_awaitedTasks.TryGetValue(scheduled.TaskId, out var step))
        {
            _steps[step].TaskEvent = scheduled;
        }
    }

    private void OnTaskCompleted(TaskCompleted completed)
    {
        if (IsFinished || !_awaitedTasks.Remove(completed.TaskId, out var step))
        {
            return;
        }

        var runtime = _steps[step];
        runtime.TaskId = null;
        runtime.TaskEvent = null;
        RetireTimer(runtime);
        CompleteStep(step, completed.Output);
    }

    private void OnTaskFailed(TaskFailed failed)
    {
        if (IsFinished || !_awaitedTasks.Remove(failed.TaskId, out var step))
        {
            return;
        }

        var runtime = _steps[step];
        runtime.TaskId = null;
        runtime.TaskEvent = null;
        RetireTimer(runtime);
        AttemptFailed(step, failed.Error);
    }

    private void OnTimerCreated(TimerCreated created)
    {
        if (!_timers.TryGetValue(created.TimerId, out var timer) || timer.CreateEntry is null || timer.Created)
        {
            throw new WorkflowReplayException($"timer {created.TimerId} was not asked for by the decider", created.Sequence);
        }

        timer.Created = true;
        _liveTimers.Add(timer);
        timer.FireAt = created.FireAt;
        if (!timer.CreateEntry.Done)
        {
            MarkDone(timer.CreateEntry);
        }

        if (timer.Obsolete)
        {
            RequestCancel(timer);
        }
    }

    private void OnTimerFired(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.TimerId, out var timer) || timer.Done)
        {
            return;
        }

        timer.Done = true;
        _liveTimers.Remove(timer);
        if (timer.CancelEntry is { Done: false } cancel)
        {
            Drop(cancel);
        }

        if (timer.Obsolete || IsFinished)
        {
            return;
        }

        timer.Obsolete = true;
        _steps[timer.Step].Timer = null;
        OnTimerDue(timer);
    }

    private void OnTimerCancelled(TimerCancelled cancelled)
    {
        if (!_timers.TryGetValue(cancelled.TimerId, out var timer) || timer.CancelEntry is null)
        {
            throw new WorkflowReplayException($"timer {cancelled.TimerId} was not cancelled by the decider", cancelled.Sequence);
        }

        timer.Done = true;
        _liveTimers.Remove(timer);
        if (!timer.CancelEntry.Done)
        {
            MarkDone(timer.CancelEntry);
        }
    }

    private void OnEventRaised(EventRaised raised)
    {
        if (IsFinished)
        {
            return;
        }

        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.Count > 0)
        {
            var step = waiters[0];
            waiters.RemoveAt(0);
            RetireTimer(_steps[step]);
            CompleteStep(step, raised.Payload);
            return;
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            queue = new Queue<JsonElement?>();
            _bufferedEvents[raised.Name] = queue;
        }

        queue.Enqueue(raised.Payload);
    }

    private void OnTerminated(WorkflowTerminated terminated)
    {
        if (IsFinished)
        {
            return;
        }

        Status = WorkflowStatus.Terminated;
        _error = terminated.Reason;
        _endedAt = _now;
        AbandonScope(0);
        DropAllButCancellations();
    }

    private bool IsFinished => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;
}
