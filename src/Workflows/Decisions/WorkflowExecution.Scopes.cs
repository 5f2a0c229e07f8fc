using System.Buffers;
using System.Text.Json;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Parallel joins, skipping and abandoning steps and lists.</summary>
public sealed partial class WorkflowExecution
{
    private void BranchCompleted(int step, int branch)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        runtime.BranchesCompleted++;
        runtime.CompletedBranches![branch] = true;
        if (runtime.BranchesCompleted < plan.JoinCount)
        {
            return;
        }

        AbandonBranches(plan);
        var joined = new List<int>(runtime.BranchesCompleted);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var b = 0; b < plan.BranchScopes.Length; b++)
            {
                if (!runtime.CompletedBranches[b])
                {
                    continue;
                }

                joined.Add(b);
                writer.WritePropertyName(plan.BranchNames[b]);
                if (ScopeOutput(_planScopes[plan.BranchScopes[b]]) is { } output)
                {
                    output.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        var entry = new OutboxEntry { Kind = OutboxKind.JoinBranches, Step = step, Key = plan.Id, Branches = joined, Cutoff = _index };
        _unrecordedJoins[plan.Id] = entry;
        Enqueue(entry);
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        CompleteStep(step, JsonElement.ParseValue(ref reader));
    }

    /// <summary>Starts the next branch held back by <c>max_concurrency</c> once a branch of <paramref name="step"/> has
    /// finished; the choice depends only on branch order, so replay makes it again at the same event.</summary>
    private void StartWaitingBranch(int step)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        if (runtime.Status == StepStatus.Running && runtime.BranchesStarted < plan.BranchScopes.Length)
        {
            StartScope(plan.BranchScopes[runtime.BranchesStarted++]);
        }
    }

    private void AbandonBranches(PlanStep parallel)
    {
        foreach (var branch in parallel.BranchScopes)
        {
            AbandonScope(branch);
        }
    }

    private void SkipScope(int scope, string reason)
    {
        _scopes[scope] = ScopeStatus.Skipped;
        foreach (var step in _planScopes[scope].Steps)
        {
            SkipStep(step, reason);
        }
    }

    private void SkipStep(int step, string reason)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        End(runtime, StepStatus.Skipped);
        var entry = new OutboxEntry { Kind = OutboxKind.SkipStep, Step = step, Key = plan.Id, Text = reason, Cutoff = _index };
        _unrecordedSkips[plan.Id] = entry;
        Enqueue(entry);
        foreach (var child in ChildScopes(step))
        {
            SkipScope(child, reason);
        }
    }

    private void AbandonScope(int scope)
    {
        if (_scopes[scope] != ScopeStatus.Running)
        {
            return;
        }

        _scopes[scope] = ScopeStatus.Abandoned;
        foreach (var step in _planScopes[scope].Steps)
        {
            if (_steps[step].Status == StepStatus.Running)
            {
                AbandonStep(step);
            }
        }
    }

    private void AbandonStep(int step)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        End(runtime, StepStatus.Abandoned);
        if (runtime.TaskId is { } taskId)
        {
            _awaitedTasks.Remove(taskId);
            if (runtime.TaskEvent is null && _unrecordedTasks.TryGetValue(taskId, out var entry))
            {
                Drop(entry);
            }

            runtime.TaskId = null;
            runtime.TaskEvent = null;
        }

        RetireTimer(runtime);
        if (runtime.RecordEntry is { Done: false } record)
        {
            Drop(record);
        }

        if (plan.EventName is { } name && _eventWaiters.TryGetValue(name, out var waiters))
        {
            waiters.Remove(step);
        }

        foreach (var child in ChildScopes(step))
        {
            AbandonScope(child);
        }
    }

    private IEnumerable<int> ChildScopes(int step)
    {
        var plan = _planSteps[step];
        foreach (var dynamic in _steps[step].DynamicScopes ?? [])
        {
            yield return dynamic;
        }

        if (plan.ThenScope >= 0)
        {
            yield return plan.ThenScope;
            yield return plan.ElseScope;
        }

        foreach (var branch in plan.BranchScopes)
        {
            yield return branch;
        }
    }
}
