using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Teams;

namespace AgentPlatform.AgentHost.Tests.Teams;

public sealed class TeamPlansJoinTests
{
    [Fact]
    public void A_goal_waits_for_a_goal_listed_after_it_and_through_a_goal_without_sub_tasks()
    {
        var goals = JsonNode.Parse("""
            {"tasks": [
              {"id": "assemble", "depends_on": ["empty"]},
              {"id": "empty", "depends_on": ["draft"]},
              {"id": "draft"}
            ]}
            """);
        var plans = JsonNode.Parse("""
            {
              "assemble": {"tasks": [{"id": "review"}]},
              "empty": {"tasks": []},
              "draft": {"tasks": [{"id": "research"}, {"id": "write", "depends_on": ["research"]}]}
            }
            """);

        var joined = TeamPlans.Join(goals, plans);

        var tasks = joined["plan"]!["tasks"]!.AsArray().ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!);
        Assert.Equal(["draft--write"], tasks["assemble--review"]["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["draft--research"], tasks["draft--write"]["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Null(tasks["draft--research"]["depends_on"]);
    }
}
