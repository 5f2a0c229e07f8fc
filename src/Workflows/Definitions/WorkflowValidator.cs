using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Checks a definition and reports every problem at once, each naming the step path and the field.</summary>
public static partial class WorkflowValidator
{
    private static readonly string[] JoinModes = ["all", "any", "n"];
    private static readonly string[] InputTypes = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>Returns every problem of <paramref name="definition"/>; empty when it is valid.</summary>
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var context = new ValidationContext(definition.Inputs is { Count: > 0 } inputs ? [.. inputs.Keys] : null);
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            context.Add("id", null, "id", "is required");
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

        if (definition.Steps is null || definition.Steps.Count == 0)
        {
            context.Add("steps", null, "steps", "must contain at least one step");
        }
        else
        {
            context.CollectIds(definition.Steps, "steps");
            context.ValidateList(definition.Steps, "steps");
        }

        if (definition.Output is { } output)
        {
            context.ValidateTemplate(output, "output", null, "output");
        }

        return context.Problems;
    }

    /// <summary>Throws <see cref="WorkflowDefinitionException"/> listing every problem when the definition is invalid.</summary>
    public static void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var problems = Validate(definition);
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException(problems);
        }
    }

    /// <summary>The display path of step <paramref name="index"/> of a list at <paramref name="listPath"/>.</summary>
    internal static string StepPath(string listPath, WorkflowStep? step, int index) =>
        string.IsNullOrEmpty(step?.Id) ? $"{listPath}[#{index.ToString(CultureInfo.InvariantCulture)}]" : $"{listPath}[{step.Id}]";

    /// <summary>Whether <paramref name="id"/> can be named in references: a letter or <c>_</c> first, then letters,
    /// digits, <c>_</c> or <c>-</c>.</summary>
    internal static bool IsValidStepId(string id) =>
        id.Length > 0 && (char.IsLetter(id[0]) || id[0] == '_') && id.All(c => char.IsLetterOrDigit(c) || c is '_' or '-')
        && id is not ("and" or "or" or "not");

    private sealed partial class ValidationContext(HashSet<string>? declaredInputs)
    {
        private readonly Dictionary<string, string> _stepPaths = new(StringComparer.Ordinal);

        public List<WorkflowProblem> Problems { get; } = [];

        public void Add(string path, string? stepId, string field, string message) => Problems.Add(new WorkflowProblem(path, stepId, field, message));

        public void AddStep(string stepPath, WorkflowStep step, string field, string message) =>
            Add($"{stepPath}.{field}", string.IsNullOrEmpty(step.Id) ? null : step.Id, field, message);

        public void CollectIds(IReadOnlyList<WorkflowStep> steps, string listPath)
        {
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
                else if (!IsValidStepId(step.Id))
                {
                    AddStep(path, step, "id", "must start with a letter or '_' and contain only letters, digits, '_' and '-'");
                }
                else if (!_stepPaths.TryAdd(step.Id, path))
                {
                    AddStep(path, step, "id", $"duplicate step id '{step.Id}' (also at {_stepPaths[step.Id]})");
                }

                foreach (var (childPath, children) in ChildLists(step, path))
                {
                    CollectIds(children, childPath);
                }
            }
        }

        public void ValidateList(IReadOnlyList<WorkflowStep> steps, string listPath)
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
                    case WaitStep wait:
                        ValidateWait(wait, path);
                        break;
                }

                foreach (var (childPath, children) in ChildLists(step, path))
                {
                    ValidateList(children, childPath);
                }
            }

            DetectCycles(steps, listPath, indexById);
        }

        public void ValidateTemplate(JsonElement template, string path, string? stepId, string field)
        {
            try
            {
                var compiled = ValueTemplate.Compile(template);
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
                case ParallelStep parallel:
                    var branches = parallel.Branches ?? [];
                    for (var b = 0; b < branches.Count; b++)
                    {
                        yield return ($"{path}.branches[{b}].steps", branches[b]?.Steps ?? []);
                    }

                    break;
            }
        }

        private void CheckReferences(IEnumerable<Reference> references, string path, string? stepId, string field)
        {
            foreach (var reference in references)
            {
                if (reference.Root == ReferenceRoot.Step && !_stepPaths.ContainsKey(reference.StepId!))
                {
                    Add(path, stepId, field, $"'{reference.Text}' references unknown step '{reference.StepId}'");
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
