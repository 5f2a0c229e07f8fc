using System.Text.Json;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Snapshots and reference resolution.</summary>
public sealed partial class WorkflowExecution
{
    /// <summary>A snapshot of the instance as folded so far.</summary>
    public WorkflowInstanceState GetState()
    {
        var steps = new List<StepState>(_steps.Count);
        var current = new List<string>();
        var pending = new List<PendingTask>();
        for (var i = 0; i < _steps.Count; i++)
        {
            var plan = _planSteps[i];
            var runtime = _steps[i];
            if (plan.IsTemplate)
            {
                continue;
            }

            steps.Add(new StepState
            {
                StepId = plan.Id,
                Kind = plan.Step.Kind,
                Status = runtime.Status,
                Attempts = runtime.Attempts,
                StartedAt = runtime.StartedAt,
                EndedAt = runtime.EndedAt,
                Output = runtime.Output,
                Error = runtime.Error,
                ChildInstanceId = plan.ChildDefinition is not null && runtime.Attempts > 0 ? _instanceId.Child(plan.Ref).Value : null,
            });
            if (runtime.Status == StepStatus.Running)
            {
                current.Add(plan.Id);
            }

            if (runtime.TaskEvent is { } scheduled && !IsFinished)
            {
                pending.Add(new PendingTask { TaskId = scheduled.TaskId, Task = ScheduleTask.FromEvent(scheduled) });
            }
        }

        var timers = new List<CreateTimer>(_liveTimers.Count);
        foreach (var timer in _liveTimers)
        {
            timers.Add(CreateTimerCommand(timer));
        }

        timers.Sort((a, b) => a.FireAt != b.FireAt ? a.FireAt.CompareTo(b.FireAt) : string.CompareOrdinal(a.TimerId, b.TimerId));
        return new WorkflowInstanceState
        {
            InstanceId = InstanceId,
            ParentInstanceId = _started is null ? null : _instanceId.Parent?.Value,
            ParentTaskId = _started?.ParentTaskId,
            DefinitionId = _plan.Definition.Id,
            DefinitionVersion = _plan.Definition.Version,
            Status = Status,
            Input = _started?.Input,
            Output = _output,
            Error = _error,
            StartedAt = _started?.Timestamp,
            EndedAt = _endedAt,
            CurrentSteps = current,
            Steps = steps,
            PendingTasks = pending,
            ActiveTimers = timers,
            EventCount = _index,
            Spend = _spend.ToSpend(),
        };
    }

    /// <summary>Resolves references as of an event index, so that a command built late sees what its decision saw.</summary>
    private sealed class StateResolver(WorkflowExecution execution) : IReferenceResolver
    {
        public long Cutoff { get; set; }

        /// <summary>The step whose input or condition is being resolved: an item copy sees its item and its item's copies
        /// of the template steps, a plan task sees the outputs of the plan's tasks.</summary>
        public PlanStep? Context { get; set; }

        public JsonElement? Input => execution._started?.Input;

        public JsonElement? Item => Context?.ItemValue;

        public JsonElement? ItemIndex => Context is { ForEachOwner: >= 0, Item: { } item } ? JsonSerializer.SerializeToElement(item) : null;

        public JsonElement? GetTaskOutput(string taskId)
        {
            if (Context is not { PlanOwner: >= 0 } task || execution._steps[task.PlanOwner].PlanTasks?.TryGetValue(taskId, out var index) != true)
            {
                return null;
            }

            var runtime = execution._steps[index];
            return runtime.EndIndex <= Cutoff && runtime.Status == StepStatus.Completed ? runtime.Output : null;
        }

        public JsonElement? GetStepValue(string stepId, StepField field)
        {
            if (!execution._plan.StepIndex.TryGetValue(stepId, out var index))
            {
                return null;
            }

            if (Context is { ForEachOwner: >= 0, Item: { } item } copy && execution._planSteps[index].ForEachOwner == copy.ForEachOwner
                && !execution._copies.TryGetValue((index, item), out index))
            {
                return null;
            }

            var runtime = execution._steps[index];
            var finished = runtime.EndIndex <= Cutoff;
            return field switch
            {
                StepField.Output => finished && runtime.Status == StepStatus.Completed ? runtime.Output : null,
                StepField.Error => finished && runtime.Status == StepStatus.Failed ? JsonSerializer.SerializeToElement(runtime.Error) : null,
                _ => StatusNames[(int)(finished ? runtime.Status : runtime.StartIndex <= Cutoff ? StepStatus.Running : StepStatus.Pending)],
            };
        }
    }
}
