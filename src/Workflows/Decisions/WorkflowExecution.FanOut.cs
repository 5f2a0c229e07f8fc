using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Plans;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Run-time fan-out: <c>for_each</c> items and the tasks of a run-time plan, each a copy of steps made when the
/// recorded items or plan are applied, so replay rebuilds the same copies from the history alone.</summary>
public sealed partial class WorkflowExecution
{
    /// <summary>Template step and item index to the index of the item's copy.</summary>
    private readonly Dictionary<(int Template, int Item), int> _copies = [];

    /// <summary>Asks to record the items or the plan; the source is evaluated only when the command is built, so a replay,
    /// which applies the recorded event before anyone asks for commands, never evaluates it.</summary>
    private void RequestRecord(int step)
    {
        var plan = _planSteps[step];
        var kind = plan.Step is RunPlanStep ? OutboxKind.RecordPlan : OutboxKind.RecordItems;
        var entry = new OutboxEntry { Kind = kind, Step = step, Key = plan.Id, Cutoff = _index };
        _steps[step].RecordEntry = entry;
        _unrecordedRecords[plan.Id] = entry;
        Enqueue(entry);
    }

    private RecordItems BuildRecordItems(OutboxEntry entry)
    {
        var plan = _planSteps[entry.Step];
        _resolver.Cutoff = entry.Cutoff;
        _resolver.Context = plan;
        var items = plan.Source!.Resolve(_resolver);
        var source = "${" + plan.Source.Text + "}";
        if (items is not { ValueKind: JsonValueKind.Array } array)
        {
            return new RecordItems { StepId = plan.Id, Error = $"for_each '{source}' is not an array (it is {RunTimePlanReader.Describe(items)})" };
        }

        var count = array.GetArrayLength();
        return count > _limits.MaxForEachItems
            ? new RecordItems
            {
                StepId = plan.Id,
                Error = string.Create(CultureInfo.InvariantCulture, $"for_each '{source}' has {count} items, more than the limit MaxForEachItems ({_limits.MaxForEachItems})"),
            }
            : new RecordItems { StepId = plan.Id, Items = array };
    }

    private RecordPlan BuildRecordPlan(OutboxEntry entry)
    {
        var plan = _planSteps[entry.Step];
        _resolver.Cutoff = entry.Cutoff;
        _resolver.Context = plan;
        var value = plan.Source!.Resolve(_resolver);
        var parsed = RunTimePlan.Parse(value, _limits.MaxPlanTasks);
        return parsed.IsValid ? new RecordPlan { StepId = plan.Id, Plan = value } : new RecordPlan { StepId = plan.Id, Problems = parsed.Problems };
    }

    /// <summary>Marks the record command of <paramref name="stepId"/> as recorded; the step index when the step still waits
    /// for it, or -1 when it no longer matters (the step was abandoned, or the instance finished).</summary>
    private int TakeRecorded(string stepId, WorkflowEvent recorded)
    {
        RecordMarker(_unrecordedRecords, stepId, recorded);
        var step = _plan.StepIndex[stepId];
        var runtime = _steps[step];
        if (IsFinished || runtime.Status != StepStatus.Running)
        {
            return -1;
        }

        runtime.RecordEntry = null;
        return step;
    }

    private void OnItemsRecorded(ItemsRecorded recorded)
    {
        var step = TakeRecorded(recorded.StepId, recorded);
        if (step < 0)
        {
            return;
        }

        var runtime = _steps[step];
        if (recorded.Error is { } error || recorded.Items is not { ValueKind: JsonValueKind.Array } items)
        {
            FailStep(step, recorded.Error ?? "for_each recorded no items");
            return;
        }

        runtime.Items = items;
        runtime.DynamicScopes = [];
        if (items.GetArrayLength() == 0)
        {
            CompleteStep(step, JsonSerializer.SerializeToElement(Array.Empty<object>()));
            return;
        }

        var limit = Math.Min(_planSteps[step].MaxConcurrency, items.GetArrayLength());
        while (runtime.DynamicScopes.Count < limit)
        {
            StartItem(step);
        }
    }

    private void StartItem(int step)
    {
        var plan = _planSteps[step];
        var runtime = _steps[step];
        var item = runtime.DynamicScopes!.Count;
        var scope = CopyScope(plan.TemplateScope, step, item, item, runtime.Items!.Value[item]);
        runtime.DynamicScopes.Add(scope);
        StartScope(scope);
    }

    /// <summary>Copies a template scope (and the scopes nested in it) for one item; returns the new scope's index.</summary>
    private int CopyScope(int templateScope, int owner, int branch, int item, JsonElement itemValue)
    {
        var template = _planScopes[templateScope];
        var indexes = new int[template.Steps.Length];
        var scope = AddScope(owner, branch, indexes);
        var first = _planSteps.Count;
        for (var position = 0; position < indexes.Length; position++)
        {
            var copy = _planSteps[template.Steps[position]].Copy();
            copy.Index = first + position;
            copy.Scope = scope;
            copy.Item = item;
            copy.CopyId = copy.Ref.ToString();
            copy.IsTemplate = false;
            copy.ItemValue = itemValue;
            indexes[position] = copy.Index;
            _copies[(template.Steps[position], item)] = copy.Index;
            AddStep(copy);
        }

        int Map(int original) => first + Array.IndexOf(template.Steps, original);
        foreach (var index in indexes)
        {
            var copy = _planSteps[index];
            copy.Dependencies = [.. copy.Dependencies.Select(Map)];
            copy.Dependents = [.. copy.Dependents.Select(Map)];
            if (copy.ThenScope >= 0)
            {
                copy.ThenScope = CopyScope(copy.ThenScope, index, -1, item, itemValue);
                copy.ElseScope = CopyScope(copy.ElseScope, index, -1, item, itemValue);
            }

            copy.BranchScopes = [.. copy.BranchScopes.Select((branchScope, b) => CopyScope(branchScope, index, b, item, itemValue))];
        }

        return scope;
    }

    private void OnPlanRecorded(PlanRecorded recorded)
    {
        var step = TakeRecorded(recorded.StepId, recorded);
        if (step < 0)
        {
            return;
        }

        var runtime = _steps[step];
        var parsed = recorded.Problems is { Count: > 0 } problems ? null : RunTimePlan.Parse(recorded.Plan, int.MaxValue);
        if (parsed is not { IsValid: true })
        {
            FailStep(step, "invalid_plan: " + string.Join("; ", recorded.Problems ?? parsed!.Problems));
            return;
        }

        var scope = CopyPlanTasks(step, parsed.Tasks);
        runtime.DynamicScopes = [scope];
        runtime.Parked = new Queue<int>();
        StartScope(scope);
    }

    /// <summary>Makes one agent-task step per plan task, in one scope owned by the plan step, linked by their dependencies.</summary>
    private int CopyPlanTasks(int owner, IReadOnlyList<PlanTask> tasks)
    {
        var plan = _planSteps[owner];
        var run = (RunPlanStep)plan.Step;
        var indexes = new int[tasks.Count];
        var scope = AddScope(owner, -1, indexes);
        var first = _planSteps.Count;
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = tasks.Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < tasks.Count; k++)
        {
            foreach (var dependency in tasks[k].DependsOn)
            {
                dependents[dependency].Add(first + k);
            }
        }

        for (var k = 0; k < tasks.Count; k++)
        {
            var task = tasks[k];
            var copy = new PlanStep
            {
                Index = first + k,
                Step = task.Workflow is { } definition
                    ? new ChildWorkflowStep { Id = plan.Id, Definition = definition, Version = task.Version }
                    : new AgentTaskStep { Id = plan.Id, Agent = task.Agent, Capabilities = task.Capabilities, MinConfidence = run.MinConfidence, Role = task.Role ?? run.Role },
                Scope = scope,
                Position = k,
                Item = k,
                PlanOwner = owner,
                TaskKey = task.Id,
                Dependencies = [.. task.DependsOn.Select(d => first + d)],
                Dependents = [.. dependents[k]],
                Agent = task.Workflow is null
                    ? new AgentSelector
                    {
                        AgentId = task.Agent, Capabilities = task.Capabilities, MinConfidence = run.MinConfidence ?? 0, Role = task.Role ?? run.Role, Reassign = run.Retry?.Reassign,
                        Agents = AgentCandidates.Narrow(plan.Candidates, task.Agents),
                    }
                    : null,
                CandidatesSource = task.Workflow is null ? plan.CandidatesSource : null,
                ChildDefinition = task.Workflow,
                ChildVersion = task.Version,
                Input = task.Input is { } input ? ValueTemplate.Compile(input) : null,
                Timeout = plan.Timeout,
                Priority = plan.Priority,
                MaxAttempts = plan.MaxAttempts,
                InitialBackoff = plan.InitialBackoff,
                Multiplier = plan.Multiplier,
                MaxBackoff = plan.MaxBackoff,
            };
            copy.CopyId = copy.Ref.ToString();
            indexes[k] = copy.Index;
            byId[task.Id] = copy.Index;
            AddStep(copy);
        }

        _steps[owner].PlanTasks = byId;
        return scope;
    }

    private int AddScope(int owner, int branch, int[] steps)
    {
        var scope = new PlanScope(_planScopes.Count, owner, branch, steps);
        _planScopes.Add(scope);
        _scopes.Add(ScopeStatus.Idle);
        _unsettled.Add(0);
        return scope.Index;
    }

    private void AddStep(PlanStep step)
    {
        _planSteps.Add(step);
        _steps.Add(new StepRuntime());
    }

    /// <summary>A for_each item or a plan's task list completed.</summary>
    private void DynamicScopeCompleted(PlanScope scope)
    {
        var owner = scope.Owner;
        var runtime = _steps[owner];
        if (_planSteps[owner].Step is RunPlanStep)
        {
            var tasks = _planScopes[runtime.DynamicScopes![0]].Steps;
            CompleteStep(owner, Collect(tasks.Select(t => (_planSteps[t].TaskKey, _steps[t].Status == StepStatus.Completed ? _steps[t].Output : null))));
            return;
        }

        runtime.BranchesCompleted++;
        var count = runtime.Items!.Value.GetArrayLength();
        if (runtime.BranchesCompleted == count)
        {
            CompleteStep(owner, Collect(runtime.DynamicScopes!.Select(s => ((string?)null, ScopeOutput(_planScopes[s])))));
        }
        else if (runtime.DynamicScopes!.Count < count)
        {
            StartItem(owner);
        }
    }

    /// <summary>A for_each item or a plan task failed past its own policy: the step fails and its other work is abandoned.</summary>
    private void DynamicScopeFailed(PlanScope scope, string error)
    {
        var owner = scope.Owner;
        foreach (var other in _steps[owner].DynamicScopes ?? [])
        {
            AbandonScope(other);
        }

        FailStep(owner, _planSteps[owner].Step is RunPlanStep ? error : string.Create(CultureInfo.InvariantCulture, $"item {scope.Branch}: {error}"));
    }

    /// <summary>Writes the outputs as an object when they are keyed, else as an array in order.</summary>
    private static JsonElement Collect(IEnumerable<(string? Key, JsonElement? Output)> outputs)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var keyed = false;
            var started = false;
            foreach (var (key, output) in outputs)
            {
                if (!started)
                {
                    keyed = key is not null;
                    if (keyed)
                    {
                        writer.WriteStartObject();
                    }
                    else
                    {
                        writer.WriteStartArray();
                    }

                    started = true;
                }

                if (key is not null)
                {
                    writer.WritePropertyName(key);
                }

                if (output is { } value)
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            if (keyed)
            {
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteEndArray();
            }
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Whether a ready step may start now: a plan task waits while its plan has <c>max_concurrency</c> tasks in
    /// flight, parked in the order it became ready, which replay reproduces.</summary>
    private bool TakePlanSlot(int step)
    {
        var plan = _planSteps[step];
        if (plan.PlanOwner < 0)
        {
            return true;
        }

        var owner = _steps[plan.PlanOwner];
        if (owner.InFlight >= _planSteps[plan.PlanOwner].MaxConcurrency)
        {
            owner.Parked!.Enqueue(step);
            return false;
        }

        owner.InFlight++;
        return true;
    }

    private void ReleasePlanSlot(PlanStep plan)
    {
        if (plan.PlanOwner < 0)
        {
            return;
        }

        var owner = _steps[plan.PlanOwner];
        owner.InFlight--;
        if (owner.Parked!.TryDequeue(out var next))
        {
            _ready.Enqueue(next);
        }
    }
}
