using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Checks a definition and reports every problem at once, each naming the step path and the field.</summary>
public static partial class WorkflowValidator
{
    private static readonly string[] JoinModes = ["all", "any", "n"];
    private static readonly string[] InputTypes = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>Returns every problem of <paramref name="definition"/> within the widest limits any configuration may
    /// set (<see cref="WorkflowLimitsOptions"/> at the validator's maxima); empty when it is valid.</summary>
    /// <remarks>Used where a definition that already passed the configured limits is checked again (the decider), so
    /// a configuration change never makes a registered definition invalid.</remarks>
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition) => Validate(definition, Ceilings);

    /// <summary>Returns every problem of <paramref name="definition"/>, including every bound of
    /// <paramref name="limits"/> it exceeds; empty when it is valid.</summary>
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(limits);
        var context = new ValidationContext(definition.Inputs is { Count: > 0 } inputs ? [.. inputs.Keys] : null, limits);
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            context.Add("id", null, "id", "is required");
        }
        else if (!WorkflowNames.IsValidName(definition.Id))
        {
            context.Add("id", null, "id", WorkflowNames.NameRule);
        }

        if (definition.Version < 1)
        {
            context.Add("version", null, "version", "must be >= 1");
        }

        foreach (var (name, parameter) in definition.Inputs ?? new Dictionary<string, InputParameter>())
        {
            if (parameter?.Type is { } type && !InputTypes.Contains(type))
            {
                context.Add($"inputs.{name}.type", null, $"inputs.{name}.type", $"unknown type '{type}' (expected {string.Join(", ", InputTypes)})");
            }
        }

        context.ValidateBudget(definition.Budget);
        if (definition.Steps is null || definition.Steps.Count == 0)
        {
            context.Add("steps", null, "steps", "must contain at least one step");
        }
        else
        {
            context.CollectIds(definition.Steps, "steps", 1);
            context.CheckStepCount();
            context.ValidateList(definition.Steps, "steps", 1);
        }

        if (definition.Output is { } output)
        {
            context.ValidateTemplate(output, "output", null, "output");
        }

        return context.Problems;
    }

    /// <summary>Throws <see cref="WorkflowDefinitionException"/> listing every problem when the definition is invalid
    /// within the widest limits (see <see cref="Validate(WorkflowDefinition)"/>).</summary>
    public static void ThrowIfInvalid(WorkflowDefinition definition) => ThrowIfInvalid(definition, Ceilings);

    /// <summary>Throws <see cref="WorkflowDefinitionException"/> listing every problem when the definition is invalid or
    /// exceeds a bound of <paramref name="limits"/>.</summary>
    public static void ThrowIfInvalid(WorkflowDefinition definition, WorkflowLimitsOptions limits)
    {
        var problems = Validate(definition, limits);
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException(problems);
        }
    }

    /// <summary>The display path of step <paramref name="index"/> of a list at <paramref name="listPath"/>.</summary>
    internal static string StepPath(string listPath, WorkflowStep? step, int index) =>
        string.IsNullOrEmpty(step?.Id) ? $"{listPath}[#{index.ToString(CultureInfo.InvariantCulture)}]" : $"{listPath}[{step.Id}]";

    /// <summary>The widest limits the options validator accepts.</summary>
    private static WorkflowLimitsOptions Ceilings { get; } = new()
    {
        MaxDefinitionBytes = 16 * 1_048_576,
        MaxNestingDepth = ValueTemplate.DepthCeiling,
        MaxStepDepth = 16,
        MaxSteps = 100_000,
        MaxNodes = 10_000_000,
        MaxYamlAliases = 10_000,
        MaxExpressionLength = ExpressionLimits.LengthCeiling,
        MaxExpressionDepth = ExpressionLimits.DepthCeiling,
        MaxReferences = 1_000_000,
        MaxReferenceLength = ExpressionLimits.ReferenceLengthCeiling,
        MaxForEachItems = 1_000_000,
        MaxPlanTasks = 100_000,
    };

    private sealed partial class ValidationContext(HashSet<string>? declaredInputs, WorkflowLimitsOptions limits)
    {
        private readonly Dictionary<string, string> _stepPaths = new(StringComparer.Ordinal);

        /// <summary>Steps of a <c>for_each</c> template, to the id of the <c>for_each</c> step owning the template.</summary>
        private readonly Dictionary<string, string> _templateOwners = new(StringComparer.Ordinal);

        /// <summary>The <c>for_each</c> steps whose templates are being validated, innermost last.</summary>
        private readonly List<string> _templates = [];
        private readonly ExpressionLimits _expressionLimits = limits.ToExpressionLimits();
        private int _stepCount;
        private int _referenceCount;
        private bool _referencesReported;

        public List<WorkflowProblem> Problems { get; } = [];

        public void Add(string path, string? stepId, string field, string message) => Problems.Add(new WorkflowProblem(path, stepId, field, message));

        public void AddStep(string stepPath, WorkflowStep step, string field, string message) =>
            Add($"{stepPath}.{field}", string.IsNullOrEmpty(step.Id) ? null : step.Id, field, message);

        /// <summary>Records every step id, counting steps; lists nested deeper than <c>MaxStepDepth</c> are reported
        /// once at their owner and not entered, so recursion is bounded by the limit.</summary>
        public void CollectIds(IReadOnlyList<WorkflowStep> steps, string listPath, int depth)
        {
            _stepCount += steps.Count;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step is null)
                {
                    continue;
                }

                var path = StepPath(listPath, step, i);
                if (string.IsNullOrWhiteSpace(step.Id))
                {
                    AddStep(path, step, "id", "is required");
                }
                else if (!WorkflowNames.IsValidStepId(step.Id))
                {
                    AddStep(path, step, "id", WorkflowNames.StepIdRule);
                }
                else if (!_stepPaths.TryAdd(step.Id, path))
                {
                    AddStep(path, step, "id", $"duplicate step id '{step.Id}' (also at {_stepPaths[step.Id]})");
                }
                else if (_templates.Count > 0)
                {
                    _templateOwners[step.Id] = _templates[^1];
                    if (step is ParallelStep { ForEach: not null } or RunPlanStep)
                    {
                        AddStep(path, step, "kind", $"a for_each template cannot hold a {(step is RunPlanStep ? "plan step" : "for_each")} (item copies are named by one index)");
                    }
                }

                if (depth >= limits.MaxStepDepth && ChildLists(step, path).Any(list => list.Steps.Count > 0))
                {
                    AddStep(path, step, "kind", $"nests step lists deeper than the limit MaxStepDepth ({limits.MaxStepDepth})");
                    continue;
                }

                var isTemplate = step is ParallelStep { ForEach: not null } && !string.IsNullOrEmpty(step.Id);
                if (isTemplate)
                {
                    _templates.Add(step.Id);
                }

                foreach (var (childPath, children) in ChildLists(step, path))
                {
                    CollectIds(children, childPath, depth + 1);
                }

                if (isTemplate)
                {
                    _templates.RemoveAt(_templates.Count - 1);
                }
            }
        }

        public void CheckStepCount()
        {
            if (_stepCount > limits.MaxSteps)
            {
                Add("steps", null, "steps", $"has {_stepCount} steps, more than the limit MaxSteps ({limits.MaxSteps})");
            }
        }

        public void ValidateList(IReadOnlyList<WorkflowStep> steps, string listPath, int depth)
        {
            var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                if (steps[i] is { Id: { Length: > 0 } id })
                {
                    indexById.TryAdd(id, i);
                }
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step is null)
                {
                    Add($"{listPath}[#{i}]", null, "kind", "step is empty");
                    continue;
                }

                var path = StepPath(listPath, step, i);
                ValidateDependencies(step, path, indexById);
                ValidateFailurePolicy(step, path, i, indexById);
                switch (step)
                {
                    case AgentTaskStep task:
                        ValidateAgentTask(task, path);
                        break;
                    case ConditionStep condition:
                        ValidateCondition(condition, path);
                        break;
                    case ParallelStep parallel:
                        ValidateParallel(parallel, path);
                        break;
                    case RunPlanStep plan:
                        ValidatePlan(plan, path);
                        break;
                    case WaitStep wait:
                        ValidateWait(wait, path);
                        break;
                    case ChildWorkflowStep child:
                        ValidateChildWorkflow(child, path);
                        break;
                }

                if (depth < limits.MaxStepDepth)
                {
                    var isTemplate = step is ParallelStep { ForEach: not null };
                    if (isTemplate)
                    {
                        _templates.Add(step.Id);
                    }

                    foreach (var (childPath, children) in ChildLists(step, path))
                    {
                        ValidateList(children, childPath, depth + 1);
                    }

                    if (isTemplate)
                    {
                        _templates.RemoveAt(_templates.Count - 1);
                    }
                }
            }

            DetectCycles(steps, listPath, indexById);
        }

        public void ValidateTemplate(JsonElement template, string path, string? stepId, string field)
        {
            try
            {
                var compiled = ValueTemplate.Compile(template, _expressionLimits);
                CheckReferences(compiled.References, path, stepId, field);
            }
            catch (ExpressionException e)
            {
                Add(path, stepId, field, e.Message);
            }
        }

        private static IEnumerable<(string Path, IReadOnlyList<WorkflowStep> Steps)> ChildLists(WorkflowStep step, string path)
        {
            switch (step)
            {
                case ConditionStep condition:
                    yield return ($"{path}.then", condition.Then ?? []);
                    yield return ($"{path}.else", condition.Else ?? []);
                    break;
                case ParallelStep { ForEach: not null, Steps: { } template }:
                    yield return ($"{path}.steps", template);
                    break;
                case ParallelStep parallel:
                    var branches = parallel.Branches ?? [];
                    for (var b = 0; b < branches.Count; b++)
                    {
                        yield return ($"{path}.branches[{b}].steps", branches[b]?.Steps ?? []);
                    }

                    break;
            }
        }

        private void CheckReferences(IReadOnlyCollection<Reference> references, string path, string? stepId, string field)
        {
            _referenceCount += references.Count;
            if (_referenceCount > limits.MaxReferences && !_referencesReported)
            {
                _referencesReported = true;
                Add(path, stepId, field, $"brings the number of references over the limit MaxReferences ({limits.MaxReferences})");
            }

            foreach (var reference in references)
            {
                if (reference.Root == ReferenceRoot.Step && !_stepPaths.ContainsKey(reference.StepId!))
                {
                    Add(path, stepId, field, $"'{reference.Text}' references unknown step '{reference.StepId}'");
                }
                else if (reference.Root == ReferenceRoot.Step && _templateOwners.TryGetValue(reference.StepId!, out var owner) && !_templates.Contains(owner))
                {
                    Add(path, stepId, field, $"'{reference.Text}' references step '{reference.StepId}' of the for_each template of '{owner}' from outside it (use steps.{owner}.output)");
                }
                else if (reference.Root is ReferenceRoot.Item or ReferenceRoot.ItemIndex && _templates.Count == 0)
                {
                    Add(path, stepId, field, $"'{reference.Text}' is only defined inside the steps of a for_each");
                }
                else if (reference.Root == ReferenceRoot.Task)
                {
                    Add(path, stepId, field, $"'{reference.Text}' is only defined in the task inputs of a run-time plan");
                }
                else if (reference.Root == ReferenceRoot.Input && declaredInputs is not null && reference.Path is [{ Property: { } name }, ..]
                    && !declaredInputs.Contains(name))
                {
                    Add(path, stepId, field, $"'{reference.Text}' references input field '{name}', which is not declared in inputs");
                }
            }
        }

        private void CheckDuration(WorkflowStep step, string stepPath, string field, string? value, bool required = false)
        {
            if (value is null)
            {
                if (required)
                {
                    AddStep(stepPath, step, field, "is required");
                }

                return;
            }

            if (!WorkflowDuration.TryParse(value, out _))
            {
                AddStep(stepPath, step, field, $"'{value}' is not a duration (use 30s, 5m, 1h30m or ISO 8601 such as PT30S)");
            }
        }
    }
}
