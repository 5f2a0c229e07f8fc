using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Step lifecycle: start, finish, and how lists, conditions and the workflow follow.</summary>
public sealed partial class WorkflowExecution
{
    private JsonElement? _output;

    private string? _error;

    private DateTimeOffset? _endedAt;

    private void StartScope(int scope)
    {
        _scopes[scope] = ScopeStatus.Running;
        var steps = _planScopes[scope].Steps;
        _unsettled[scope] = steps.Length;
        foreach (var step in steps)
        {
            var dependencies = _planSteps[step].Dependencies.Length;
            _steps[step].PendingDependencies = dependencies;
            if (dependencies == 0)
            {
                _ready.Enqueue(step);
            }
        }

        if (steps.Length == 0)
        {
            CompleteScope(scope);
        }
    }

    private void Drain()
    {
        while (_ready.TryDequeue(out var step))
        {
            if (_steps[step].Status == StepStatus.Pending && _scopes[_planSteps[step].Scope] == ScopeStatus.Running && !IsFinished
                && TakePlanSlot(step))
            {
                StartStep(step);
            }
        }
    }

    private void StartStep(int step)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        runtime.Status = StepStatus.Running;
        runtime.StartedAt = _now;
        runtime.StartIndex = _index;
        switch (plan.Step)
        {
            case AgentTaskStep:
                ScheduleAttempt(step);
                break;
            case ChildWorkflowStep:
                if (ChildIdTooLong(plan) is { } tooLong)
                {
                    FailStep(step, tooLong);
                    return;
                }

                ScheduleAttempt(step);
                break;
            case ConditionStep:
                bool result;
                try
                {
                    _resolver.Cutoff = _index;
                    _resolver.Context = plan;
                    result = plan.Condition!.Evaluate(_resolver);
                }
                catch (ExpressionException e)
                {
                    FailStep(step, $"condition '{plan.Condition!.Text}' failed: {e.Message}");
                    return;
                }

                runtime.ChosenScope = result ? plan.ThenScope : plan.ElseScope;
                SkipScope(result ? plan.ElseScope : plan.ThenScope, result ? "condition was true" : "condition was false");
                StartScope(runtime.ChosenScope);
                break;
            case ParallelStep or RunPlanStep when plan.Source is not null:
                RequestRecord(step);
                break;
            case ParallelStep:
                runtime.CompletedBranches = new bool[plan.BranchScopes.Length];
                while (runtime.BranchesStarted < plan.MaxConcurrency)
                {
                    StartScope(plan.BranchScopes[runtime.BranchesStarted++]);
                }

                break;
            case WaitStep:
                StartWait(step, plan);
                break;
        }
    }

    private void StartWait(int step, PlanStep plan)
    {
        if (plan.WaitDuration is { } duration)
        {
            CreateTimer(step, $"wait:{plan.Id}", TimerPurpose.Wait, _now + duration);
        }
        else if (plan.WaitUntil is { } until)
        {
            if (until <= _now)
            {
                CompleteStep(step, null);
            }
            else
            {
                CreateTimer(step, $"wait:{plan.Id}", TimerPurpose.Wait, until);
            }
        }
        else
        {
            var name = plan.EventName!;
            if (_bufferedEvents.TryGetValue(name, out var buffered) && buffered.TryDequeue(out var payload))
            {
                CompleteStep(step, payload);
                return;
            }

            if (!_eventWaiters.TryGetValue(name, out var waiters))
            {
                waiters = [];
                _eventWaiters[name] = waiters;
            }

            waiters.Add(step);
            if (plan.EventTimeout is { } timeout)
            {
                CreateTimer(step, $"event-timeout:{plan.Id}", TimerPurpose.EventTimeout, _now + timeout);
            }
        }
    }

    private void ScheduleAttempt(int step)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        runtime.Attempts++;
        var attempt = runtime.Attempts;
        var taskId = WorkflowTaskId.Create(_instanceId, plan.Ref, attempt).ToString();
        runtime.TaskId = taskId;
        runtime.TaskEvent = null;
        _awaitedTasks[taskId] = step;
        var entry = new OutboxEntry { Kind = OutboxKind.ScheduleTask, Step = step, Key = taskId, Attempt = attempt, Cutoff = _index };
        _unrecordedTasks[taskId] = entry;
        Enqueue(entry);
        if (plan.Timeout is { } timeout)
        {
            CreateTimer(step, string.Concat("timeout:", plan.Id, ":", attempt.ToString(CultureInfo.InvariantCulture)), TimerPurpose.TaskTimeout, _now + timeout);
        }
    }

    private void AttemptFailed(int step, string error)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        runtime.Error = error;
        if (runtime.Attempts >= plan.MaxAttempts)
        {
            FailStep(step, runtime.Attempts > 1 ? $"{error} (after {runtime.Attempts} attempts)" : error);
            return;
        }

        var delay = Backoff(plan, runtime.Attempts + 1);
        if (delay <= TimeSpan.Zero)
        {
            ScheduleAttempt(step);
            return;
        }

        CreateTimer(step, string.Concat("backoff:", plan.Id, ":", (runtime.Attempts + 1).ToString(CultureInfo.InvariantCulture)), TimerPurpose.Backoff, _now + delay);
    }

    private void OnTimerDue(TimerRuntime timer)
    {
        var step = timer.Step;
        var runtime = _steps[step];
        switch (timer.Purpose)
        {
            case TimerPurpose.Backoff when runtime.Status == StepStatus.Running:
                ScheduleAttempt(step);
                break;
            case TimerPurpose.TaskTimeout when runtime.TaskId is { } taskId:
                _awaitedTasks.Remove(taskId);
                runtime.TaskId = null;
                runtime.TaskEvent = null;
                AttemptFailed(step, $"timed out after {FormatDuration(_planSteps[step].Timeout!.Value)}");
                break;
            case TimerPurpose.Wait when runtime.Status == StepStatus.Running:
                CompleteStep(step, null);
                break;
            case TimerPurpose.EventTimeout when runtime.Status == StepStatus.Running:
                var plan = _planSteps[step];
                _eventWaiters[plan.EventName!].Remove(step);
                if (plan.EventTimeoutOutput is { } fallback)
                {
                    CompleteStep(step, fallback);
                }
                else
                {
                    FailStep(step, $"event '{plan.EventName}' was not raised within {FormatDuration(plan.EventTimeout!.Value)}");
                }

                break;
        }
    }

    private void CompleteStep(int step, JsonElement? output)
    {
        var runtime = _steps[step];
        End(runtime, StepStatus.Completed);
        runtime.Output = output;
        runtime.Error = null;
        SettleStep(step);
    }

    private void FailStep(int step, string error)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        End(runtime, StepStatus.Failed);
        runtime.Error = error;
        RetireTimer(runtime);
        switch (plan.Failure.Action)
        {
            case FailureAction.Continue:
                SettleStep(step);
                break;
            case FailureAction.Goto:
                var scope = _planScopes[plan.Scope];
                for (var position = plan.Position + 1; position < plan.GotoPosition; position++)
                {
                    var skipped = scope.Steps[position];
                    if (_steps[skipped].Status == StepStatus.Pending)
                    {
                        SkipStep(skipped, $"passed over by goto from '{plan.Id}'");
                        SettleStep(skipped);
                    }
                }

                SettleStep(step);
                break;
            default:
                FailScope(plan.Scope, $"step '{plan.Id}' failed: {error}");
                break;
        }
    }

    private void SettleStep(int step)
    {
        var plan = _planSteps[step];
        if (_scopes[plan.Scope] != ScopeStatus.Running)
        {
            return;
        }

        ReleasePlanSlot(plan);
        foreach (var dependent in plan.Dependents)
        {
            if (--_steps[dependent].PendingDependencies == 0)
            {
                _ready.Enqueue(dependent);
            }
        }

        if (--_unsettled[plan.Scope] == 0)
        {
            CompleteScope(plan.Scope);
        }
    }

    private void CompleteScope(int scope)
    {
        _scopes[scope] = ScopeStatus.Completed;
        var plan = _planScopes[scope];
        var output = ScopeOutput(plan);
        if (plan.Owner < 0)
        {
            _resolver.Cutoff = _index;
            _resolver.Context = null;
            FinishWorkflow(WorkflowStatus.Completed, _plan.Output is { } template ? template.Resolve(_resolver) : output, null);
        }
        else if (_planSteps[plan.Owner].Source is not null)
        {
            DynamicScopeCompleted(plan);
        }
        else if (plan.Branch < 0)
        {
            CompleteStep(plan.Owner, output);
        }
        else
        {
            BranchCompleted(plan.Owner, plan.Branch);
            StartWaitingBranch(plan.Owner);
        }
    }

    private JsonElement? ScopeOutput(PlanScope scope)
    {
        if (scope.Steps.Length == 0)
        {
            return null;
        }

        var last = _steps[scope.Steps[^1]];
        return last.Status == StepStatus.Completed ? last.Output : null;
    }

    private void FailScope(int scope, string error)
    {
        AbandonScope(scope);
        _scopes[scope] = ScopeStatus.Failed;
        var plan = _planScopes[scope];
        if (plan.Owner < 0)
        {
            FinishWorkflow(WorkflowStatus.Failed, null, error);
        }
        else if (_planSteps[plan.Owner].Source is not null)
        {
            DynamicScopeFailed(plan, error);
        }
        else if (plan.Branch < 0)
        {
            FailStep(plan.Owner, error);
        }
        else
        {
            var owner = _planSteps[plan.Owner];
            var runtime = _steps[plan.Owner];
            runtime.BranchesFailed++;
            if (owner.BranchScopes.Length - runtime.BranchesFailed < owner.JoinCount)
            {
                AbandonBranches(owner);
                FailStep(plan.Owner, $"branch '{owner.BranchNames[plan.Branch]}': {error}");
            }
            else
            {
                StartWaitingBranch(plan.Owner);
            }
        }
    }

    private void FinishWorkflow(WorkflowStatus status, JsonElement? output, string? error)
    {
        Status = status;
        _output = output;
        _error = error;
        _endedAt = _now;
        AbandonScope(0);
        _finishEntry = status == WorkflowStatus.Completed
            ? new OutboxEntry { Kind = OutboxKind.CompleteWorkflow, Output = output, Cutoff = _index }
            : new OutboxEntry { Kind = OutboxKind.FailWorkflow, Text = error, Cutoff = _index };
        Enqueue(_finishEntry);
    }

    private void End(StepRuntime runtime, StepStatus status)
    {
        runtime.Status = status;
        runtime.EndedAt = _now;
        runtime.EndIndex = _index;
    }
}
