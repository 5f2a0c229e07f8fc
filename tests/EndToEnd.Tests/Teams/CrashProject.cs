using System.Text.Json.Nodes;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>The team and the rule-based answers of <see cref="TeamCrashTests"/>: the manager plans four goals (<c>g3</c> after
/// <c>g0</c> and <c>g1</c>), the coordinator six sub-tasks per goal (<c>s1</c>; <c>s2</c>, <c>s3</c> and <c>s6</c> after it;
/// <c>s4</c> after <c>s2</c> and <c>s3</c>; <c>s5</c> after <c>s4</c>), and the executor answers each sub-task after a short
/// piece of work with its own name and the names of the sub-tasks whose outputs reached it.</summary>
internal static class CrashProject
{
    public const string TeamYaml = """
        name: Crash team
        members:
          - { role: manager, capabilities: { plan-project: 1 } }
          - { role: coordinator, capabilities: { plan-goal: 1 } }
          - { role: executor, capabilities: { crunch: 1 } }
        policies: { retry_budget: 3 }
        """;

    /// <summary>How long one sub-task's work takes, so a kill can land while it runs.</summary>
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(100);

    private static readonly (string Id, string[] DependsOn)[] SubTasks =
        [("s1", []), ("s2", ["s1"]), ("s3", ["s1"]), ("s4", ["s2", "s3"]), ("s5", ["s4"]), ("s6", ["s1"])];

    public static string[] Goals { get; } = ["g0", "g1", "g2", "g3"];

    /// <summary>Every sub-task as <c>{goal}/{sub-task}</c>.</summary>
    public static IReadOnlyList<string> AllSubTasks { get; } = [.. Goals.SelectMany(g => SubTasks.Select(s => $"{g}/{s.Id}"))];

    public static IReadOnlyDictionary<string, double> ManagerCapabilities { get; } = new Dictionary<string, double> { ["plan-project"] = 1 };

    public static IReadOnlyDictionary<string, double> CoordinatorCapabilities { get; } = new Dictionary<string, double> { ["plan-goal"] = 1 };

    public static IReadOnlyDictionary<string, double> ExecutorCapabilities { get; } = new Dictionary<string, double> { ["crunch"] = 1 };

    public static string[] DependenciesOf(string subTask) => SubTasks.Single(s => s.Id == subTask).DependsOn;

    public static Task<JsonNode?> PlanProjectAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        ExpectKind(input, "plan_project");
        var goals = new JsonArray([.. Goals.Select(g => (JsonNode?)new JsonObject
        {
            ["id"] = g,
            ["input"] = new JsonObject { ["goal"] = g },
            ["depends_on"] = g == "g3" ? new JsonArray("g0", "g1") : new JsonArray(),
        })]);
        return Task.FromResult<JsonNode?>(new JsonObject { ["tasks"] = goals });
    }

    public static Task<JsonNode?> PlanGoalAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        ExpectKind(input, "plan_goal");
        var goal = input!["goal"]!.GetValue<string>();
        var tasks = new JsonArray([.. SubTasks.Select(s =>
        {
            var taskInput = new JsonObject { ["goal"] = goal, ["sub_task"] = s.Id };
            foreach (var dependency in s.DependsOn)
            {
                taskInput[$"after_{dependency}"] = $"${{tasks.{dependency}.output}}";
            }

            return (JsonNode?)new JsonObject
            {
                ["id"] = s.Id,
                ["capabilities"] = new JsonObject { ["crunch"] = 1 },
                ["input"] = taskInput,
                ["depends_on"] = new JsonArray([.. s.DependsOn.Select(d => (JsonNode?)d)]),
            };
        })]);
        return Task.FromResult<JsonNode?>(new JsonObject { ["tasks"] = tasks });
    }

    public static async Task<JsonNode?> ExecuteAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        await Task.Delay(Work, cancellationToken);
        var task = input!.AsObject();
        var saw = task.Where(p => p.Key.StartsWith("after_", StringComparison.Ordinal))
            .Select(p => (JsonNode?)p.Value!["sub_task"]!.GetValue<string>())
            .Order(Comparer<JsonNode?>.Create((a, b) => string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>())));
        return new JsonObject { ["goal"] = task["goal"]!.GetValue<string>(), ["sub_task"] = task["sub_task"]!.GetValue<string>(), ["saw"] = new JsonArray([.. saw]) };
    }

    /// <summary>Refuses any other request (an escalation, say), which fails that task and so the run, naming what came.</summary>
    private static void ExpectKind(JsonNode? input, string kind)
    {
        if (input?["kind"]?.GetValue<string>() != kind)
        {
            throw new InvalidOperationException($"expected a {kind} request, got {input?.ToJsonString()}");
        }
    }
}
