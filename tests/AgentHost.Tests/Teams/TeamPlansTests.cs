using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Teams;

namespace AgentPlatform.AgentHost.Tests.Teams;

public sealed class TeamPlansTests
{
    [Fact]
    public void The_remaining_plan_resolves_whole_references_and_paths_into_completed_outputs_and_keeps_references_to_tasks_left()
    {
        var plan = JsonDocument.Parse("""
            {"tasks": [
              {"id": "research", "capabilities": {"research": 1}},
              {"id": "outline", "capabilities": {"write": 1}},
              {"id": "write", "capabilities": {"write": 1}, "depends_on": ["research", "outline"],
               "input": {"notes": "${tasks.research.output}", "summary": "${tasks.research.output.summary}",
                         "title": "On ${tasks.research.output.topic}", "outline": "${tasks.outline.output}"}}
            ]}
            """).RootElement;
        var completed = new Dictionary<string, JsonElement?>
        {
            ["research"] = JsonDocument.Parse("""{"summary": {"points": 3}, "topic": "bees"}""").RootElement,
        };

        var remaining = TeamPlans.Remaining(plan, completed);

        var tasks = remaining["tasks"]!.AsArray();
        Assert.Equal(["outline", "write"], tasks.Select(t => t!["id"]!.GetValue<string>()));
        var write = tasks[1]!;
        Assert.Equal(["outline"], write["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("""{"summary":{"points":3},"topic":"bees"}""", write["input"]!["notes"]!.ToJsonString());
        Assert.Equal("""{"points":3}""", write["input"]!["summary"]!.ToJsonString());
        Assert.Equal("On bees", write["input"]!["title"]!.GetValue<string>());
        Assert.Equal("${tasks.outline.output}", write["input"]!["outline"]!.GetValue<string>());
    }

    [Fact]
    public void Goals_are_addressed_to_the_goal_definition_with_their_dependencies_and_the_run_s_executors_and_read_back_in_the_managers_shape()
    {
        var plan = JsonNode.Parse("""{"tasks": [{"id": "a", "input": {"section": "intro"}}, {"id": "b", "depends_on": ["a"]}]}""");

        var addressed = TeamPlans.AddressGoals(
            plan, "team.writers.goal", "writers", JsonNode.Parse("""{"sections": ["intro"]}"""), executors: JsonNode.Parse("""["agt_a", "agt_b"]"""))!.AsObject();

        var b = addressed["tasks"]![1]!;
        Assert.Equal("team.writers.goal", b["workflow"]!.GetValue<string>());
        Assert.Equal(["a"], b["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("plan_goal", b["input"]!["kind"]!.GetValue<string>());
        Assert.Equal("b", b["input"]!["goal"]!.GetValue<string>());
        Assert.Equal("intro", addressed["tasks"]![0]!["input"]!["description"]!["section"]!.GetValue<string>());
        Assert.All(addressed["tasks"]!.AsArray(), g => Assert.Equal("""["agt_a","agt_b"]""", g!["input"]!["executors"]!.ToJsonString()));
        Assert.Equal(plan!.ToJsonString(), TeamPlans.ManagerGoals(addressed).ToJsonString());
    }
}
