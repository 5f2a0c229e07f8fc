using System.Text.Json;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Checks a start input against a definition's <see cref="WorkflowDefinition.Inputs"/> hints.</summary>
public static class WorkflowInputValidator
{
    /// <summary>Returns every problem: a missing required field or a field of another JSON type, located as
    /// <c>input.&lt;field&gt;</c>. Fields without hints are accepted; no hints means any input is accepted.</summary>
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, JsonElement? input)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<WorkflowProblem>();
        if (definition.Inputs is not { Count: > 0 } hints)
        {
            return problems;
        }

        if (input is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            problems.Add(new WorkflowProblem("input", null, "input", "must be an object"));
            return problems;
        }

        foreach (var (name, hint) in hints)
        {
            var path = $"input.{name}";
            if (input is not { ValueKind: JsonValueKind.Object } inputObject || !inputObject.TryGetProperty(name, out var value)
                || value.ValueKind == JsonValueKind.Null)
            {
                if (hint.Required)
                {
                    problems.Add(new WorkflowProblem(path, null, name, "is required"));
                }

                continue;
            }

            if (hint.Type is { } type && !Matches(type, value))
            {
                problems.Add(new WorkflowProblem(path, null, name, $"must be of type {type}, got {value.ValueKind.ToString().ToLowerInvariant()}"));
            }
        }

        return problems;
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };
}
