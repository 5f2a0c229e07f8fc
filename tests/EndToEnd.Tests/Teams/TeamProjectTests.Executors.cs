using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>Sub-tasks go to the team's executors only: an agent outside the team that offers every capability, better than the
/// executors, is never handed one.</summary>
public sealed partial class TeamProjectTests
{
    [Fact]
    public async Task A_registered_agent_that_is_not_an_executor_never_gets_a_sub_task_however_well_it_matches()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareAsync(ops, "closed", "Closed writers", "{ retry_budget: 2 }", timeout);
        await using var outsider = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "outsider", null, new Dictionary<string, double> { ["research"] = 1, ["write"] = 1, ["review"] = 1 },
            (input, _) => Task.FromResult<JsonNode?>(new JsonObject { ["by"] = "outsider" }), timeout);
        await using var manager = Planner(host, "manager", []);
        await using var coordinator = Planner(host, "coordinator", []);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.5"]);
        await using var writer = Planner(host, "executor", ["--name", "writer", "--capabilities", "write=0.5"]);
        await using var reviewer = Planner(host, "executor", ["--name", "reviewer", "--capabilities", "review=0.5"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal"], timeout);

        // The team's executors are resolved when the project starts, so they must be registered by then.
        await WaitUntilMatchableAsync(ops, ["research", "write", "review"], timeout, role: "executor");

        await StartAsync(ops, "closed", "closed-1", timeout);
        var final = await ops.WaitAsync("closed-1", timeout);
        var report = final["output"]!.AsObject();
        output.WriteLine(report.ToJsonString());

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var subTasks = report["goals"]!.AsArray().SelectMany(g => g!["sub_tasks"]!.AsArray()).Select(s => s!).ToList();
        Assert.Equal(["research", "write", "review"], subTasks.Select(s => s["id"]!.GetValue<string>()));
        Assert.All(subTasks, s => Assert.NotEqual(outsider.Id, s["agent"]!.GetValue<string>()));
        Assert.All(subTasks, s => Assert.Equal(1, s["attempts"]!.GetValue<int>()));
        Assert.Empty(outsider.Received);

        // The registry ranks the outsider first for the capability; only the role keeps it out.
        using var match = await ops.Client.GetAsync(new Uri("api/v1/registry/match?capabilities=research:1", UriKind.Relative), timeout);
        var ranked = await ApiAgent.ReadJsonAsync(match, HttpStatusCode.OK, timeout);
        Assert.Equal(outsider.Id, ranked["candidates"]![0]!["agent_id"]!.GetValue<string>());
    }
}
