using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The plan rewrites of a project run, pure functions of their inputs (their results are recorded as step outputs, so a
/// replay never runs them again): goals addressed to the coordinator, goal plans joined into one graph, and the remaining plan
/// after a failure.</summary>
public static partial class TeamPlans
{
    /// <summary>The manager's plan with every goal sent to the coordinator planner (<paramref name="coordinator"/>: its selector
    /// fields) with a <c>plan_goal</c> input; a value that is not a plan object with a <c>tasks</c> array is returned as it is,
    /// so the plan step names its problems.</summary>
    public static JsonNode? AddressGoals(JsonNode? plan, JsonObject coordinator, string team, JsonNode? project)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
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

            var id = goal["id"]?.GetValueKind() == JsonValueKind.String ? goal["id"]!.GetValue<string>() : null;
            if (id is not null && id.Contains(TeamSubTaskIds.Separator, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"goal '{id}': a goal id may not contain '{TeamSubTaskIds.Separator}'");
            }

            var addressed = new JsonObject { ["id"] = goal["id"]?.DeepClone() };
            foreach (var (name, value) in coordinator)
            {
                addressed[name] = value?.DeepClone();
            }

            addressed["input"] = new JsonObject
            {
                ["kind"] = "plan_goal",
                ["team"] = team,
                ["goal"] = goal["id"]?.DeepClone(),
                ["description"] = goal["input"]?.DeepClone(),
                ["project"] = project?.DeepClone(),
            };
            if (goal["depends_on"] is { } dependsOn)
            {
                addressed["depends_on"] = dependsOn.DeepClone();
            }

            goals.Add(addressed);
        }

        return new JsonObject { ["tasks"] = goals };
    }

    /// <summary>Joins the coordinators' plans (<paramref name="plans"/>: goal id → plan) into one graph, in goal order: ids become
    /// <c>{goal}--{id}</c> (inputs' <c>${tasks.&lt;id&gt;...}</c> references follow), and the first sub-tasks of a goal (those without
    /// dependencies) wait for the last sub-tasks (those nothing depends on) of every goal it depends on.</summary>
    /// <returns><c>{ "plan": {"tasks": [...]}, "tasks": [ {"id", "goal", "task"} ] }</c>.</returns>
    /// <exception cref="InvalidOperationException">A goal's answer is not a plan object with a <c>tasks</c> array.</exception>
    public static JsonObject Join(JsonNode? goals, JsonNode? plans)
    {
        var planned = new List<(string Id, List<string> Deps, List<JsonObject> Tasks)>();
        foreach (var goal in (goals?["tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var goalId = goal["id"]!.GetValue<string>();
            if (plans?[goalId] is not JsonObject { } plan || plan["tasks"] is not JsonArray tasks)
            {
                throw new InvalidOperationException($"goal '{goalId}': the coordinator's answer is not a plan (an object with a 'tasks' array)");
            }

            planned.Add((goalId, [.. (goal["depends_on"] as JsonArray ?? []).Select(d => d!.GetValue<string>())], [.. tasks.OfType<JsonObject>()]));
        }

        // Collected for every goal before any is joined: a goal may depend on one listed after it.
        var lastOf = LastSubTasks(planned);
        var joined = new JsonArray();
        var table = new JsonArray();
        foreach (var (goalId, goalDeps, tasks) in planned)
        {
            var ids = tasks.Select(t => t["id"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                var subId = task["id"]?.GetValue<string>() ?? string.Empty;
                var id = TeamSubTaskIds.Create(goalId, subId);
                var copy = new JsonObject();
                foreach (var (name, value) in task)
                {
                    copy[name] = name switch
                    {
                        "id" => id,
                        "depends_on" => new JsonArray([.. (value as JsonArray ?? []).Select(d => (JsonNode?)TeamSubTaskIds.Create(goalId, d!.GetValue<string>()))]),
                        "input" => Rename(value, goalId, ids),
                        _ => value?.DeepClone(),
                    };
                }

                if (task["depends_on"] is not JsonArray { Count: > 0 } && goalDeps.Count > 0)
                {
                    copy["depends_on"] = new JsonArray([.. goalDeps.SelectMany(g => lastOf.GetValueOrDefault(g) ?? []).Distinct(StringComparer.Ordinal).Select(d => (JsonNode?)d)]);
                }

                joined.Add(copy);
                table.Add(new JsonObject { ["id"] = id, ["goal"] = goalId, ["task"] = subId });
            }
        }

        return new JsonObject { ["plan"] = new JsonObject { ["tasks"] = joined }, ["tasks"] = table };
    }

    /// <summary>Per goal, the joined ids of its last sub-tasks (those no other sub-task of the goal depends on); a goal without
    /// sub-tasks stands for the last sub-tasks of the goals it depends on, so the chain through it holds.</summary>
    private static Dictionary<string, List<string>> LastSubTasks(List<(string Id, List<string> Deps, List<JsonObject> Tasks)> planned)
    {
        var lastOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byId = planned.ToDictionary(g => g.Id, StringComparer.Ordinal);

        // Goal dependencies were checked for cycles by the plan step that recorded them.
        List<string> Of(string goalId)
        {
            if (lastOf.TryGetValue(goalId, out var known))
            {
                return known;
            }

            if (!byId.TryGetValue(goalId, out var goal))
            {
                return [];
            }

            var dependedOn = goal.Tasks.SelectMany(t => t["depends_on"] as JsonArray ?? []).Select(d => d?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var last = goal.Tasks.Count == 0
                ? [.. goal.Deps.SelectMany(Of).Distinct(StringComparer.Ordinal)]
                : goal.Tasks.Select(t => t["id"]?.GetValue<string>() ?? string.Empty).Where(id => !dependedOn.Contains(id))
                    .Select(id => TeamSubTaskIds.Create(goal.Id, id)).ToList();
            return lastOf[goalId] = last;
        }

        foreach (var goal in planned)
        {
            Of(goal.Id);
        }

        return lastOf;
    }

    /// <summary>The sub-tasks of <paramref name="plan"/> that did not complete, as a plan: dependencies on completed tasks are dropped
    /// and an input that is exactly <c>${tasks.&lt;completed&gt;.output}</c> becomes that output.</summary>
    public static JsonObject Remaining(JsonElement plan, IReadOnlyDictionary<string, JsonElement?> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var remaining = new JsonArray();
        foreach (var task in (JsonNode.Parse(plan.GetRawText())?["tasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (completed.ContainsKey(task["id"]!.GetValue<string>()))
            {
                continue;
            }

            var copy = (JsonObject)task.DeepClone();
            if (copy["depends_on"] is JsonArray deps)
            {
                copy["depends_on"] = new JsonArray([.. deps.Where(d => !completed.ContainsKey(d!.GetValue<string>())).Select(d => d!.DeepClone())]);
            }

            copy["input"] = Inline(copy["input"], completed);
            remaining.Add(copy);
        }

        return new JsonObject { ["tasks"] = remaining };
    }

    private static JsonNode? Inline(JsonNode? value, IReadOnlyDictionary<string, JsonElement?> completed) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Inline(p.Value, completed)))),
        JsonArray a => new JsonArray([.. a.Select(v => Inline(v, completed))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && ExactOutput().Match(v.GetValue<string>()) is { Success: true } m
            && completed.TryGetValue(m.Groups[1].Value, out var output) => output is { } known ? JsonNode.Parse(known.GetRawText()) : null,
        _ => value?.DeepClone(),
    };

    /// <summary>A copy of <paramref name="value"/> with <c>${tasks.&lt;id&gt;</c> of the goal's own tasks renamed to the joined ids.</summary>
    private static JsonNode? Rename(JsonNode? value, string goal, HashSet<string> ids) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Rename(p.Value, goal, ids)))),
        JsonArray a => new JsonArray([.. a.Select(v => Rename(v, goal, ids))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(TaskReference().Replace(
            v.GetValue<string>(), m => ids.Contains(m.Groups[2].Value) ? m.Groups[1].Value + TeamSubTaskIds.Create(goal, m.Groups[2].Value) + "." : m.Value)),
        _ => value?.DeepClone(),
    };

    [GeneratedRegex(@"(\$\{tasks\.)([A-Za-z0-9_-]+)\.")]
    private static partial Regex TaskReference();

    [GeneratedRegex(@"^\$\{tasks\.([A-Za-z0-9_-]+)\.output\}$")]
    private static partial Regex ExactOutput();
}
