using System.Text.Json.Nodes;

namespace AgentPlatform.TestKit;

/// <summary>Rule-based planners for a team whose sub-tasks run on the host's built-in <c>noop</c> agent: the manager plans
/// <c>goals</c> goals (<c>g0</c>, <c>g1</c>, ...) of the project input, and the coordinator plans <c>sub_tasks</c> independent
/// sub-tasks (<c>s0</c>, <c>s1</c>, ...) per goal. Handlers for <see cref="HttpTaskAgent"/>.</summary>
public static class NoopTeamPlanners
{
    /// <summary>The manager's plan: one goal per <c>project.goals</c>, each carrying <c>project.sub_tasks</c>.</summary>
    public static Task<JsonNode?> PlanProjectAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var project = input["project"]!;
        var subTasks = project["sub_tasks"]!.GetValue<int>();
        var goals = new JsonArray([.. Enumerable.Range(0, project["goals"]!.GetValue<int>()).Select(g => (JsonNode?)new JsonObject
        {
            ["id"] = $"g{g}",
            ["input"] = new JsonObject { ["sub_tasks"] = subTasks },
        })]);
        return Task.FromResult<JsonNode?>(new JsonObject { ["tasks"] = goals });
    }

    /// <summary>The coordinator's plan of a goal: <c>sub_tasks</c> independent sub-tasks on the capability <c>noop</c>.</summary>
    public static Task<JsonNode?> PlanGoalAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var goal = input["goal"]!.GetValue<string>();
        var subTasks = new JsonArray([.. Enumerable.Range(0, input["description"]!["sub_tasks"]!.GetValue<int>()).Select(s => (JsonNode?)new JsonObject
        {
            ["id"] = $"s{s}",
            ["capabilities"] = new JsonObject { ["noop"] = 1 },
            ["input"] = new JsonObject { ["goal"] = goal, ["sub_task"] = s },
        })]);
        return Task.FromResult<JsonNode?>(new JsonObject { ["tasks"] = subTasks });
    }
}
