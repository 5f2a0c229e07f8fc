using System.Net;
using System.Net.Http.Json;
using System.Text;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>A team whose executor member is a selection that only the host's in-process built-in <c>noop</c> agent meets: the
/// project resolves it as the team's executor and every sub-task runs on it.</summary>
public sealed class TeamBuiltInExecutorTests(ITestOutputHelper output)
{
    private const string Team = "built-in-executors";
    private const string Run = "built-in-project-1";
    private const string TeamJson = """
        { "name": "Built-in executors",
          "members": [
            { "role": "manager", "capabilities": { "e2e-plan-project": 1 } },
            { "role": "coordinator", "capabilities": { "e2e-plan-goal": 1 } },
            { "role": "executor", "capabilities": { "noop": 1 } } ] }
        """;

    [Fact]
    public async Task An_in_process_executor_that_meets_the_selection_is_the_teams_executor_and_runs_every_sub_task()
    {
        var timeout = TestTimeout.After(90);
        var settings = new Dictionary<string, string>(TaskOperator.Settings) { ["Workflows__BuiltInAgents__Enabled"] = "true" };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        using (var put = await ops.Client.PutAsync(
            new Uri($"api/v1/teams/{Team}", UriKind.Relative), new StringContent(TeamJson, Encoding.UTF8, "application/json"), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await using var manager = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "e2e-manager", "manager", new Dictionary<string, double> { ["e2e-plan-project"] = 1 }, NoopTeamPlanners.PlanProjectAsync, timeout);
        await using var coordinator = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "e2e-coordinator", "coordinator", new Dictionary<string, double> { ["e2e-plan-goal"] = 1 }, NoopTeamPlanners.PlanGoalAsync, timeout);
        using (var start = await ops.Client.PostAsJsonAsync(
            new Uri($"api/v1/teams/{Team}/projects", UriKind.Relative), new { run_id = Run, input = new { goals = 2, sub_tasks = 3 } }, timeout))
        {
            await ApiAgent.ReadJsonAsync(start, HttpStatusCode.Created, timeout);
        }

        var final = await ops.WaitAsync(Run, timeout);
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        using var tree = await ops.Client.GetAsync(new Uri($"api/v1/teams/{Team}/projects/{Run}", UriKind.Relative), timeout);
        var view = await ApiAgent.ReadJsonAsync(tree, HttpStatusCode.OK, timeout);
        Assert.Equal(["noop"], view["executors"]!.AsArray().Select(e => e!.GetValue<string>()));
        var subTasks = view["goals"]!.AsArray().SelectMany(g => g!["sub_tasks"]!.AsArray()).ToList();
        Assert.Equal(6, subTasks.Count);
        Assert.All(subTasks, s => Assert.Equal("completed", s!["status"]!.GetValue<string>()));
        Assert.All(subTasks, s => Assert.Equal("noop", s!["agent"]?.GetValue<string>()));
    }
}
