using System.Text.Json.Nodes;

namespace AgentPlatform.Bench.Workflows;

/// <summary>The reference shape of the benchmarks: <c>s1 -> s2 -> s3 -> parallel of 10 -> join -> condition -> one of two</c>,
/// 15 agent tasks per instance, all on the host's built-in <c>noop</c> agent (returns its input, no I/O of its own).</summary>
internal static class ReferenceWorkflow
{
    public const string Id = "reference";

    /// <summary>The agent tasks one instance runs: three in sequence, ten in parallel, the join and one branch of the condition.</summary>
    public const int TasksPerInstance = 15;

    public const string Agent = "noop";

    public static string Json()
    {
        var branches = new JsonArray();
        for (var i = 1; i <= 10; i++)
        {
            branches.Add(new JsonObject { ["name"] = $"b{i}", ["steps"] = new JsonArray(Task($"p{i}", $"${{steps.s3.output}}")) });
        }

        var steps = new JsonArray(
            Task("s1", "${input.n}"),
            Task("s2", "${steps.s1.output}"),
            Task("s3", "${steps.s2.output}"),
            new JsonObject { ["id"] = "fan", ["kind"] = "parallel", ["join"] = "all", ["branches"] = branches },
            Task("join", "${steps.fan.output}"),
            new JsonObject
            {
                ["id"] = "route",
                ["kind"] = "condition",
                ["if"] = "input.n > 0",
                ["then"] = new JsonArray(Task("positive", "${steps.s3.output}")),
                ["else"] = new JsonArray(Task("other", "${steps.s3.output}")),
            });
        return new JsonObject { ["id"] = Id, ["steps"] = steps }.ToJsonString();
    }

    private static JsonObject Task(string id, string input) => new() { ["id"] = id, ["kind"] = "agent_task", ["agent"] = Agent, ["input"] = input };
}
