using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A validated definition compiled for the decider: steps in depth-first order, scopes, dependency edges,
/// parsed expressions, templates and durations.</summary>
internal sealed class WorkflowPlan
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, WorkflowPlan> Cache = [];

    private readonly List<PlanStep> _steps = [];
    private readonly List<PlanScope> _scopes = [];
    private int _templateOwner = -1;

    private WorkflowPlan(WorkflowDefinition definition)
    {
        Definition = definition;
        AddScope(definition.Steps, owner: -1, branch: -1);
        StepIndex = _steps.ToDictionary(s => s.Id, s => s.Index, StringComparer.Ordinal);
        foreach (var scope in _scopes)
        {
            Link(scope);
        }

        if (definition.Output is { } output)
        {
            Output = ValueTemplate.Compile(output);
        }
    }

    public WorkflowDefinition Definition { get; }

    public IReadOnlyList<PlanStep> Steps => _steps;

    public IReadOnlyList<PlanScope> Scopes => _scopes;

    public Dictionary<string, int> StepIndex { get; }

    public ValueTemplate? Output { get; }

    /// <summary>Validates and compiles, reusing the plan of a definition instance already compiled.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition is invalid.</exception>
    public static WorkflowPlan For(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Cache.TryGetValue(definition, out var plan))
        {
            return plan;
        }

        WorkflowValidator.ThrowIfInvalid(definition);
        plan = new WorkflowPlan(definition);
        Cache.AddOrUpdate(definition, plan);
        return plan;
    }

    private int AddScope(IReadOnlyList<WorkflowStep> steps, int owner, int branch)
    {
        var scopeIndex = _scopes.Count;
        var indexes = new int[steps.Count];
        _scopes.Add(new PlanScope(scopeIndex, owner, branch, indexes));
        for (var position = 0; position < steps.Count; position++)
        {
            var step = steps[position];
            var planStep = new PlanStep
            {
                Index = _steps.Count, Step = step, Scope = scopeIndex, Position = position, IsTemplate = _templateOwner >= 0, ForEachOwner = _templateOwner,
            };
            indexes[position] = planStep.Index;
            _steps.Add(planStep);
            Compile(planStep);
        }

        return scopeIndex;
    }

    private void Compile(PlanStep planStep)
    {
        planStep.Failure = FailurePolicy.TryParse(planStep.Step.OnFailure, out var failure) ? failure : FailurePolicy.Fail;
        switch (planStep.Step)
        {
            case AgentTaskStep task:
                planStep.Agent = new AgentSelector
                {
                    AgentId = string.IsNullOrWhiteSpace(task.Agent) ? null : task.Agent,
                    Capabilities = task.Capabilities,
                    MinConfidence = task.MinConfidence ?? 0,
                    Role = task.Role,
                    Agents = AgentCandidates.Literal(task.Agents),
                    Reassign = task.Retry?.Reassign,
                };
                planStep.CandidatesSource = CandidatesSource(task.Agents);
                planStep.Input = task.Chunking is { } chunking ? ValueTemplate.Compile(TaskChunking.ComposeInput(task.Input, chunking))
                    : task.Input is { } input ? ValueTemplate.Compile(input) : null;
                planStep.Timeout = task.Timeout is null ? null : WorkflowDuration.Parse(task.Timeout);
                planStep.Priority = task.Priority;
                CompileRetry(planStep, task.Retry);
                break;
            case ChildWorkflowStep child:
                planStep.ChildDefinition = child.Definition;
                planStep.ChildVersion = child.Version;
                planStep.Input = child.Input is { } childInput ? ValueTemplate.Compile(childInput) : null;
                planStep.Timeout = child.Timeout is null ? null : WorkflowDuration.Parse(child.Timeout);
                CompileRetry(planStep, child.Retry);
                break;
            case ConditionStep condition:
                planStep.Condition = ConditionExpression.Parse(condition.If);
                planStep.ThenScope = AddScope(condition.Then ?? [], planStep.Index, -1);
                planStep.ElseScope = AddScope(condition.Else ?? [], planStep.Index, -1);
                break;
            case ParallelStep { ForEach: { } forEach } parallel:
                planStep.Source = Reference.Parse(forEach.Trim()[2..^1]);
                planStep.MaxConcurrency = parallel.MaxConcurrency ?? int.MaxValue;
                _templateOwner = planStep.Index;
                planStep.TemplateScope = AddScope(parallel.Steps!, planStep.Index, -1);
                _templateOwner = -1;
                break;
            case RunPlanStep run:
                planStep.Source = Reference.Parse(run.Plan!.Trim()[2..^1]);
                planStep.MaxConcurrency = run.MaxConcurrency ?? int.MaxValue;
                planStep.Timeout = run.Timeout is null ? null : WorkflowDuration.Parse(run.Timeout);
                planStep.Priority = run.Priority;
                planStep.Candidates = AgentCandidates.Literal(run.Agents);
                planStep.CandidatesSource = CandidatesSource(run.Agents);
                CompileRetry(planStep, run.Retry);
                break;
            case ParallelStep parallel:
                var branches = parallel.Branches;
                planStep.BranchScopes = new int[branches.Count];
                planStep.BranchNames = new string[branches.Count];
                for (var b = 0; b < branches.Count; b++)
                {
                    planStep.BranchNames[b] = branches[b].Name ?? b.ToString(CultureInfo.InvariantCulture);
                    planStep.BranchScopes[b] = AddScope(branches[b].Steps, planStep.Index, b);
                }

                planStep.JoinCount = (parallel.Join ?? "all") switch
                {
                    "any" => 1,
                    "n" => parallel.N!.Value,
                    _ => branches.Count,
                };
                planStep.MaxConcurrency = Math.Min(parallel.MaxConcurrency ?? branches.Count, branches.Count);
                break;
            case WaitStep wait:
                planStep.WaitDuration = wait.Duration is null ? null : WorkflowDuration.Parse(wait.Duration);
                if (wait.Until is not null && WorkflowValidator.TryParseUntil(wait.Until, out var until))
                {
                    planStep.WaitUntil = until;
                }

                planStep.EventName = wait.Event?.Name;
                planStep.EventTimeout = wait.Event?.Timeout is { } timeout ? WorkflowDuration.Parse(timeout) : null;
                planStep.EventTimeoutOutput = wait.Event?.TimeoutOutput;
                break;
        }
    }

    private static Reference? CandidatesSource(JsonElement? agents) =>
        AgentCandidates.ReferenceText(agents) is { } text ? Reference.Parse(text) : null;

    private static void CompileRetry(PlanStep planStep, RetryPolicy? retry)
    {
        if (retry is null)
        {
            return;
        }

        planStep.MaxAttempts = retry.MaxAttempts;
        planStep.InitialBackoff = retry.InitialBackoff is null ? TimeSpan.Zero : WorkflowDuration.Parse(retry.InitialBackoff);
        planStep.Multiplier = retry.Multiplier;
        planStep.MaxBackoff = retry.MaxBackoff is null ? null : WorkflowDuration.Parse(retry.MaxBackoff);
    }

    private void Link(PlanScope scope)
    {
        var list = scope.Steps.Select(i => _steps[i].Step).ToList();
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var position = 0; position < list.Count; position++)
        {
            local[list[position].Id] = position;
        }

        var dependencies = StepGraph.Dependencies(list, local);
        var dependents = scope.Steps.Select(_ => new List<int>()).ToArray();
        for (var position = 0; position < list.Count; position++)
        {
            var step = _steps[scope.Steps[position]];
            step.Dependencies = dependencies[position].Select(p => scope.Steps[p]).ToArray();
            foreach (var dependency in dependencies[position])
            {
                dependents[dependency].Add(step.Index);
            }

            if (step.Failure.Action == FailureAction.Goto)
            {
                step.GotoPosition = local[step.Failure.Target!];
            }
        }

        for (var position = 0; position < list.Count; position++)
        {
            _steps[scope.Steps[position]].Dependents = [.. dependents[position]];
        }
    }
}
