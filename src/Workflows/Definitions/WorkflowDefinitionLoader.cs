using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Loads definitions from YAML or JSON into <see cref="WorkflowDefinition"/> and validates them.</summary>
/// <remarks>Both formats go through the same JSON tree, so a YAML file and its JSON transcription load into the same
/// model. Problems of shape (unknown step kinds, unknown fields, wrong value types) and of meaning
/// (<see cref="WorkflowValidator"/>) are reported together as a <see cref="WorkflowDefinitionException"/>.</remarks>
public static partial class WorkflowDefinitionLoader
{
    /// <summary>Loads and validates a JSON definition within the default <see cref="WorkflowLimitsOptions"/>.</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition.</exception>
    public static WorkflowDefinition FromJson(string json) => FromJson(json, new WorkflowLimitsOptions());

    /// <summary>Loads and validates a JSON definition within <paramref name="limits"/> (comments and trailing commas are
    /// allowed; duplicate property names are not).</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition or exceeds a limit (the message
    /// names it).</exception>
    public static WorkflowDefinition FromJson(string json, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        CheckSize(json, limits);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
                MaxDepth = limits.MaxNestingDepth,
            });
        }
        catch (JsonException e)
        {
            var depth = e.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $" (it nests deeper than the limit MaxNestingDepth ({limits.MaxNestingDepth}))"
                : "";
            throw new WorkflowDefinitionException([new WorkflowProblem("$", null, "", $"not valid JSON: {e.Message}{depth}")]);
        }

        CheckNodeCount(root, limits);
        return FromNode(root, limits);
    }

    /// <summary>Loads and validates a YAML definition within the default <see cref="WorkflowLimitsOptions"/> (YAML 1.2
    /// core schema scalars: unquoted <c>true</c>, <c>false</c>, <c>null</c>, <c>~</c> and numbers are typed; everything
    /// else is a string).</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition.</exception>
    public static WorkflowDefinition FromYaml(string yaml) => FromYaml(yaml, new WorkflowLimitsOptions());

    /// <summary>Loads and validates a YAML definition within <paramref name="limits"/>. Tags, duplicate keys, keys that
    /// are not scalars and more than one document are refused; aliases are expanded within
    /// <see cref="WorkflowLimitsOptions.MaxYamlAliases"/> and <see cref="WorkflowLimitsOptions.MaxNodes"/>.</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition or exceeds a limit (the message
    /// names it).</exception>
    public static WorkflowDefinition FromYaml(string yaml, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(limits);
        CheckSize(yaml, limits);
        return FromNode(YamlJsonConverter.ToJson(yaml, limits), limits);
    }

    /// <summary>Loads JSON when the text starts with <c>{</c>, YAML otherwise, within the default limits.</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition.</exception>
    public static WorkflowDefinition Load(string text) => Load(text, new WorkflowLimitsOptions());

    /// <summary>Loads JSON when the text starts with <c>{</c>, YAML otherwise, within <paramref name="limits"/>.</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not a valid definition or exceeds a limit.</exception>
    public static WorkflowDefinition Load(string text, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.TrimStart().StartsWith('{') ? FromJson(text, limits) : FromYaml(text, limits);
    }

    /// <summary>Serializes a definition to JSON with <see cref="WorkflowJson.Options"/>.</summary>
    public static string ToJson(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, WorkflowJson.Options);

    private static void CheckSize(string text, WorkflowLimitsOptions limits)
    {
        // A lone surrogate cannot become UTF-8: the JSON reader and writer would throw ArgumentException on it.
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new WorkflowDefinitionException([new WorkflowProblem(
                    "$", null, "", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"is not valid Unicode text (a lone surrogate at index {i})"))]);
            }
        }

        // A char takes at most 3 UTF-8 bytes, so only a text longer than a third of the limit can be over it.
        if (text.Length > limits.MaxDefinitionBytes / 3 && System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxDefinitionBytes)
        {
            throw new WorkflowDefinitionException([new WorkflowProblem(
                "$", null, "", $"is larger than the limit MaxDefinitionBytes ({limits.MaxDefinitionBytes} bytes)")]);
        }
    }

    /// <summary>Counts the values of the tree with an explicit stack, refusing more than <c>MaxNodes</c>.</summary>
    private static void CheckNodeCount(JsonNode? root, WorkflowLimitsOptions limits)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        var count = 0;
        while (pending.TryPop(out var node))
        {
            if (++count > limits.MaxNodes)
            {
                throw new WorkflowDefinitionException([new WorkflowProblem("$", null, "", $"has more values than the limit MaxNodes ({limits.MaxNodes})")]);
            }

            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        pending.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }
    }

    private static WorkflowDefinition FromNode(JsonNode? root, WorkflowLimitsOptions limits)
    {
        if (root is not JsonObject rootObject)
        {
            throw new WorkflowDefinitionException([new WorkflowProblem("$", null, "", "a definition must be an object")]);
        }

        var problems = new List<WorkflowProblem>();
        CheckFields(rootObject, typeof(WorkflowDefinition), "", null, problems);
        CheckStepList(rootObject["steps"], "steps", problems);
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException(problems);
        }

        WorkflowDefinition? definition;
        try
        {
            definition = rootObject.Deserialize<WorkflowDefinition>(WorkflowJson.Options);
        }
        catch (JsonException e)
        {
            var (path, stepId, field) = StepPathOf(rootObject, e.Path ?? "$");
            throw new WorkflowDefinitionException([new WorkflowProblem(path, stepId, field, $"wrong value type: {e.Message}")]);
        }

        if (definition is null)
        {
            throw new WorkflowDefinitionException([new WorkflowProblem("$", null, "", "a definition must be an object")]);
        }

        WorkflowValidator.ThrowIfInvalid(definition, limits);
        return definition;
    }

    private static void CheckStepList(JsonNode? node, string listPath, List<WorkflowProblem> problems)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array)
        {
            problems.Add(new WorkflowProblem(listPath, null, listPath, "must be a list of steps"));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject step)
            {
                problems.Add(new WorkflowProblem($"{listPath}[#{i.ToString(CultureInfo.InvariantCulture)}]", null, "", "a step must be an object"));
                continue;
            }

            var id = step["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
            var path = id is null ? $"{listPath}[#{i.ToString(CultureInfo.InvariantCulture)}]" : $"{listPath}[{id}]";
            var kind = step["kind"] is JsonValue kindValue && kindValue.TryGetValue<string>(out var kindText) ? kindText : null;
            var type = kind switch
            {
                StepKinds.AgentTask => typeof(AgentTaskStep),
                StepKinds.Condition => typeof(ConditionStep),
                StepKinds.Parallel => typeof(ParallelStep),
                StepKinds.Plan => typeof(RunPlanStep),
                StepKinds.Wait => typeof(WaitStep),
                StepKinds.Workflow => typeof(ChildWorkflowStep),
                _ => null,
            };
            if (type is null)
            {
                problems.Add(new WorkflowProblem($"{path}.kind", id, "kind", kind is null
                    ? $"is required (one of {string.Join(", ", StepKinds.All)})"
                    : $"unknown step kind '{kind}' (expected one of {string.Join(", ", StepKinds.All)})"));
                continue;
            }

            CheckFields(step, type, path, id, problems, "kind");
            switch (kind)
            {
                case StepKinds.Condition:
                    CheckStepList(step["then"], $"{path}.then", problems);
                    CheckStepList(step["else"], $"{path}.else", problems);
                    break;
                case StepKinds.Parallel when step["steps"] is { } template:
                    CheckStepList(template, $"{path}.steps", problems);
                    break;
                case StepKinds.Parallel when step["branches"] is JsonArray branches:
                    for (var b = 0; b < branches.Count; b++)
                    {
                        var branchPath = $"{path}.branches[{b.ToString(CultureInfo.InvariantCulture)}]";
                        if (branches[b] is JsonObject branch)
                        {
                            CheckFields(branch, typeof(ParallelBranch), branchPath, id, problems);
                            CheckStepList(branch["steps"], $"{branchPath}.steps", problems);
                        }
                        else
                        {
                            problems.Add(new WorkflowProblem(branchPath, id, $"branches[{b}]", "a branch must be an object with steps"));
                        }
                    }

                    break;
            }
        }
    }

    private static void CheckFields(JsonObject node, Type type, string path, string? stepId, List<WorkflowProblem> problems, string? extraAllowed = null)
    {
        var info = WorkflowJson.Options.GetTypeInfo(type);
        foreach (var (name, value) in node)
        {
            if (name == extraAllowed)
            {
                continue;
            }

            var property = FindProperty(info, name);
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (property is null)
            {
                problems.Add(new WorkflowProblem(fieldPath, stepId, name, $"unknown field '{name}'"));
                continue;
            }

            var nestedType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (value is JsonObject nested && nestedType.IsClass && nestedType.Namespace == typeof(WorkflowDefinition).Namespace
                && !nestedType.IsAbstract)
            {
                CheckFields(nested, nestedType, fieldPath, stepId, problems);
            }
        }
    }

    /// <summary>Turns a serializer path such as <c>$.steps[0].retry.max_attempts</c> into the step form
    /// <c>steps[extract].retry.max_attempts</c>, with the innermost step id and the field after it.</summary>
    private static (string Path, string? StepId, string Field) StepPathOf(JsonNode root, string jsonPath)
    {
        var builder = new System.Text.StringBuilder();
        var fieldStart = 0;
        string? stepId = null;
        JsonNode? current = root;
        string? lastName = null;
        foreach (Match token in PathToken().Matches(jsonPath))
        {
            if (token.Groups["name"].Success)
            {
                lastName = token.Groups["name"].Value;
                builder.Append(builder.Length == 0 ? "" : ".").Append(lastName);
                current = current is JsonObject obj ? obj[lastName] : null;
                continue;
            }

            var index = int.Parse(token.Groups["index"].Value, CultureInfo.InvariantCulture);
            current = current is JsonArray array && index < array.Count ? array[index] : null;
            var id = lastName is "steps" or "then" or "else" && current is JsonObject step && step["id"] is JsonValue value
                && value.TryGetValue<string>(out var text) ? text : null;
            builder.Append('[').Append(id ?? (lastName is "steps" or "then" or "else" ? "#" : "") + token.Groups["index"].Value).Append(']');
            if (id is not null)
            {
                stepId = id;
                fieldStart = builder.Length + 1;
            }
        }

        var path = builder.ToString();
        return (path.Length == 0 ? "$" : path, stepId, fieldStart > 0 && fieldStart <= path.Length ? path[fieldStart..] : path);
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<name>[^']*)'\]|\[(?<index>[0-9]+)\]")]
    private static partial Regex PathToken();

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo info, string name)
    {
        foreach (var property in info.Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}
