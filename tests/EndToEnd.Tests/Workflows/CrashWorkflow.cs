using System.Text.Json.Nodes;

namespace AgentPlatform.EndToEnd.Tests.Workflows;

/// <summary>The 50-step definition the crash test runs: sequences, a parallel step with a wait in one branch, a
/// duration wait, a condition and an external-event wait, all on the host's built-in <c>echo</c> agent.</summary>
internal static class CrashWorkflow
{
    public const string Id = "crash-50";

    public static JsonObject Definition()
    {
        var steps = new JsonArray();
        for (var i = 1; i <= 10; i++)
        {
            steps.Add(Task($"pre{i}", i == 1 ? "${input.seed}" : $"${{steps.pre{i - 1}.output}}"));
        }

        var branches = new JsonArray();
        foreach (var name in new[] { "left", "middle", "right" })
        {
            var branchSteps = new JsonArray();
            for (var i = 1; i <= 5; i++)
            {
                branchSteps.Add(Task($"{name}{i}", $"{name}-{i}"));
            }

            if (name == "right")
            {
                branchSteps.Add(new JsonObject { ["id"] = "right-nap", ["kind"] = "wait", ["duration"] = "400ms" });
            }

            branches.Add(new JsonObject { ["name"] = name, ["steps"] = branchSteps });
        }

        steps.Add(new JsonObject { ["id"] = "fan", ["kind"] = "parallel", ["join"] = "all", ["branches"] = branches });
        steps.Add(new JsonObject { ["id"] = "nap", ["kind"] = "wait", ["duration"] = "700ms" });
        for (var i = 1; i <= 17; i++)
        {
            steps.Add(Task($"post{i}", i == 1 ? "${steps.fan.output}" : $"${{steps.post{i - 1}.output}}"));
        }

        steps.Add(new JsonObject
        {
            ["id"] = "check",
            ["kind"] = "condition",
            ["if"] = "exists(input.seed)",
            ["then"] = new JsonArray(Task("then1", "yes")),
            ["else"] = new JsonArray(Task("else1", "no")),
        });
        steps.Add(new JsonObject { ["id"] = "approval", ["kind"] = "wait", ["event"] = new JsonObject { ["name"] = "go" } });
        steps.Add(Task("final", "${steps.approval.output}"));
        return new JsonObject { ["id"] = Id, ["version"] = 1, ["steps"] = steps };
    }

    /// <summary>Counts every step of a definition, nested ones included.</summary>
    public static int CountSteps(JsonArray steps) => steps.Sum(step =>
    {
        var node = step!.AsObject();
        var nested = 0;
        if (node["branches"] is JsonArray branches)
        {
            nested += branches.Sum(b => CountSteps(b!["steps"]!.AsArray()));
        }

        foreach (var list in new[] { "then", "else" })
        {
            if (node[list] is JsonArray listed)
            {
                nested += CountSteps(listed);
            }
        }

        return 1 + nested;
    });

    private static JsonObject Task(string id, string input) =>
        new() { ["id"] = id, ["kind"] = "agent_task", ["agent"] = "echo", ["input"] = input };
}
