using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The plan rewrites of a team's runs, pure functions of their inputs (their results are recorded as step outputs, so a
/// replay never runs them again): the manager's goals addressed to the goal definition, and the plan of what did not complete after
/// a failure.</summary>
public static class TeamPlans
{
    /// <summary>The manager's plan with every goal run as a child workflow of <paramref name="goalDefinition"/> with a
    /// <c>plan_goal</c> input (<c>team</c>, <c>goal</c>, <c>description</c>: the goal's input, <c>project</c>, and <c>executors</c>: the
    /// run's executors, when given); <c>depends_on</c> is kept. A value that is not a plan object with a <c>tasks</c> array is returned
    /// as it is, so the plan step names its problems. With <paramref name="goalVersion"/> every goal runs that version of the goal
    /// definition (a project started by an older build has none: its goals run the latest).</summary>
    public static JsonNode? AddressGoals(
        JsonNode? plan, string goalDefinition, string team, JsonNode? project, int? goalVersion = null, JsonNode? executors = null)
    {
        if (plan is not JsonObject { } body || body["tasks"] is not JsonArray tasks)
        {
            return plan?.DeepClone();
        }

        var goals = new JsonArray();
        foreach (var task in tasks)
        {
            if (task is not JsonObject goal)
            {
                goals.Add(task?.DeepClone());
                continue;
            }

            var addressed = new JsonObject
            {
                ["id"] = goal["id"]?.DeepClone(),
                ["workflow"] = goalDefinition,
                ["input"] = new JsonObject
                {
                    ["kind"] = "plan_goal",
                    ["team"] = team,
                    ["goal"] = goal["id"]?.DeepClone(),
                    ["description"] = goal["input"]?.DeepClone(),
                    ["project"] = project?.DeepClone(),
                },
            };
            if (goalVersion is { } version)
            {
                addressed["version"] = version;
            }

            if (executors is not null)
            {
                addressed["input"]!["executors"] = executors.DeepClone();
            }

            if (goal["depends_on"] is { } dependsOn)
            {
                addressed["depends_on"] = dependsOn.DeepClone();
            }

            goals.Add(addressed);
        }

        return new JsonObject { ["tasks"] = goals };
    }

    /// <summary>An addressed plan of goals back in the manager's shape (<c>id</c>, <c>input</c>: the goal's description,
    /// <c>depends_on</c>), so the manager reads and re-plans goals as it wrote them.</summary>
    public static JsonObject ManagerGoals(JsonObject addressed)
    {
        ArgumentNullException.ThrowIfNull(addressed);
        var goals = new JsonArray();
        foreach (var task in (addressed["tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var goal = new JsonObject { ["id"] = task["id"]?.DeepClone() };
            if (task["input"]?["description"] is { } description)
            {
                goal["input"] = description.DeepClone();
            }

            if (task["depends_on"] is { } dependsOn)
            {
                goal["depends_on"] = dependsOn.DeepClone();
            }

            goals.Add(goal);
        }

        return new JsonObject { ["tasks"] = goals };
    }

    /// <summary>The tasks of <paramref name="plan"/> that did not complete, as a plan: dependencies on completed tasks are dropped,
    /// and an input string whose <c>${tasks.&lt;id&gt;.output...}</c> references all name completed tasks is resolved against their
    /// outputs (a whole reference keeps the value's JSON type, a path such as <c>.output.summary</c> navigates into it, a reference
    /// inside longer text is interpolated), so the plan stays valid without them.</summary>
    public static JsonObject Remaining(JsonElement plan, IReadOnlyDictionary<string, JsonElement?> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var remaining = new JsonArray();
        var outputs = new CompletedTasks(completed);

        // The parsed plan is this method's own copy: its tasks are detached from it and reused rather than cloned again.
        var tasks = JsonNode.Parse(plan.GetRawText())?["tasks"] as JsonArray ?? [];
        var owned = tasks.OfType<JsonObject>().ToList();
        tasks.Clear();
        foreach (var task in owned)
        {
            if (completed.ContainsKey(task["id"]!.GetValue<string>()))
            {
                continue;
            }

            if (task["depends_on"] is JsonArray deps)
            {
                task["depends_on"] = new JsonArray([.. deps.Where(d => !completed.ContainsKey(d!.GetValue<string>())).Select(d => d!.DeepClone())]);
            }

            task["input"] = Inline(task["input"], outputs);
            remaining.Add(task);
        }

        return new JsonObject { ["tasks"] = remaining };
    }

    private static JsonNode? Inline(JsonNode? value, CompletedTasks completed) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Inline(p.Value, completed)))),
        JsonArray a => new JsonArray([.. a.Select(v => Inline(v, completed))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Contains("${", StringComparison.Ordinal) => Resolve(v, completed),
        _ => value?.DeepClone(),
    };

    /// <summary>The string resolved when every reference in it names a completed task; else the string as it is (it names a task
    /// that still runs, which stays among the dependencies).</summary>
    private static JsonNode? Resolve(JsonValue text, CompletedTasks completed)
    {
        var element = JsonSerializer.SerializeToElement(text.GetValue<string>());
        ValueTemplate template;
        try
        {
            template = ValueTemplate.Compile(element);
        }
        catch (ExpressionException)
        {
            return text.DeepClone();
        }

        return template.References.Count > 0 && template.References.All(r => r.Root == ReferenceRoot.Task && completed.Has(r.StepId!))
            ? JsonNode.Parse(template.Resolve(completed).GetRawText())
            : text.DeepClone();
    }

    /// <summary>Resolves <c>${tasks.&lt;id&gt;.output}</c> to the outputs of completed tasks.</summary>
    private sealed class CompletedTasks(IReadOnlyDictionary<string, JsonElement?> outputs) : IReferenceResolver
    {
        public JsonElement? Input => null;

        public bool Has(string taskId) => outputs.ContainsKey(taskId);

        public JsonElement? GetStepValue(string stepId, StepField field) => null;

        public JsonElement? GetTaskOutput(string taskId) => outputs.GetValueOrDefault(taskId);
    }
}
