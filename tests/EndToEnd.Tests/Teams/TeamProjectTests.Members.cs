using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>A team's sub-tasks go to its executor members only: a named member keeps every other executor out, and a capability
/// selection takes at most its <c>count</c> executors, resolved when the project starts and kept for the whole run.</summary>
public sealed partial class TeamProjectTests
{
    [Fact]
    public async Task A_named_executor_member_takes_every_sub_task_and_a_better_executor_outside_the_team_none()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await using var manager = await ManagerAsync(host, timeout);
        await using var coordinator = await CoordinatorAsync(host, timeout);
        await using var member = await ExecutorAsync(host, "member", 0.5, timeout);
        await using var stronger = await ExecutorAsync(host, "stronger", 1, timeout);
        await DeclareWithExecutorsAsync(ops, "named", $"{{ role: executor, agent: {member.Id} }}", timeout);

        var (final, tree) = await RunProjectAsync(ops, "named", "named-1", timeout);

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal([member.Id], Executors(tree));
        var agents = SubTaskAgents(tree);
        Assert.Equal(CrashProject.AllSubTasks.Count, agents.Count);
        Assert.All(agents, a => Assert.Equal(member.Id, a));
        Assert.Empty(stronger.Received);
        Assert.Equal(stronger.Id, await BestMatchAsync(ops, timeout));
    }

    [Fact]
    public async Task A_selection_takes_its_count_of_the_best_executors_at_the_start_and_no_other_executor_ever_gets_a_sub_task()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareWithExecutorsAsync(ops, "capped", "{ role: executor, capabilities: { crunch: 1 }, count: 2 }", timeout);
        await using var manager = await ManagerAsync(host, timeout);
        await using var coordinator = await CoordinatorAsync(host, timeout);
        await using var first = await ExecutorAsync(host, "first", 0.9, timeout);
        await using var second = await ExecutorAsync(host, "second", 0.9, timeout);
        await using var third = await ExecutorAsync(host, "third", 0.8, timeout);
        await StartAsync(ops, "capped", "capped-1", timeout);

        // Once the members are resolved, a better executor joins: it is the registry's best match, but not a member of this run.
        var resolved = await WaitForExecutorsAsync(ops, "capped", "capped-1", timeout);
        await using var latecomer = await ExecutorAsync(host, "latecomer", 1, timeout);
        var final = await ops.WaitAsync("capped-1", timeout);
        var tree = await TreeAsync(ops, "capped", "capped-1", timeout);
        output.WriteLine(tree.ToJsonString());

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), resolved.Order(StringComparer.Ordinal));
        Assert.Equal(resolved, Executors(tree));
        var agents = SubTaskAgents(tree);
        Assert.Equal(CrashProject.AllSubTasks.Count, agents.Count);
        Assert.All(agents, a => Assert.Contains(a, resolved));
        Assert.Empty(third.Received);
        Assert.Empty(latecomer.Received);
        Assert.Equal(latecomer.Id, await BestMatchAsync(ops, timeout));
    }

    [Fact]
    public async Task A_project_whose_team_has_no_executor_to_resolve_fails_at_its_start_saying_so()
    {
        var timeout = TestTimeout.After(60);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareWithExecutorsAsync(ops, "empty", "{ role: executor, capabilities: { crunch: 1 } }", timeout);
        await using var manager = await ManagerAsync(host, timeout);

        await StartAsync(ops, "empty", "empty-1", timeout);
        var final = await ops.WaitAsync("empty-1", timeout);

        Assert.Equal("failed", final["status"]!.GetValue<string>());
        Assert.Contains("no executor of team 'empty' could be resolved", final["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(manager.Received);
    }

    private static Task<HttpTaskAgent> ManagerAsync(HostProcess host, CancellationToken cancellationToken) =>
        HttpTaskAgent.StartAsync(host.BaseAddress, "manager", "manager", CrashProject.ManagerCapabilities, CrashProject.PlanProjectAsync, cancellationToken);

    private static Task<HttpTaskAgent> CoordinatorAsync(HostProcess host, CancellationToken cancellationToken) =>
        HttpTaskAgent.StartAsync(host.BaseAddress, "coordinator", "coordinator", CrashProject.CoordinatorCapabilities, CrashProject.PlanGoalAsync, cancellationToken);

    /// <summary>An executor offering the sub-tasks' capability at <paramref name="proficiency"/>.</summary>
    private static Task<HttpTaskAgent> ExecutorAsync(HostProcess host, string name, double proficiency, CancellationToken cancellationToken) =>
        HttpTaskAgent.StartAsync(
            host.BaseAddress, name, "executor", CrashProject.ExecutorCapabilities.ToDictionary(c => c.Key, _ => proficiency), CrashProject.ExecuteAsync, cancellationToken);

    private static async Task DeclareWithExecutorsAsync(TaskOperator ops, string team, string executor, CancellationToken cancellationToken)
    {
        var yaml = $$"""
            name: {{team}}
            members:
              - { role: manager, capabilities: { plan-project: 1 } }
              - { role: coordinator, capabilities: { plan-goal: 1 } }
              - {{executor}}
            policies: { retry_budget: 2 }
            """;
        using var put = await ops.Client.PutAsync(new Uri($"api/v1/teams/{team}", UriKind.Relative), new StringContent(yaml, Encoding.UTF8, "application/yaml"), cancellationToken);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    private async Task<(JsonObject Final, JsonObject Tree)> RunProjectAsync(TaskOperator ops, string team, string run, CancellationToken cancellationToken)
    {
        await StartAsync(ops, team, run, cancellationToken);
        var final = await ops.WaitAsync(run, cancellationToken);
        var tree = await TreeAsync(ops, team, run, cancellationToken);
        output.WriteLine(tree.ToJsonString());
        return (final, tree);
    }

    private static async Task<JsonObject> TreeAsync(TaskOperator ops, string team, string run, CancellationToken cancellationToken)
    {
        using var read = await ops.Client.GetAsync(new Uri($"api/v1/teams/{team}/projects/{run}", UriKind.Relative), cancellationToken);
        return await ApiAgent.ReadJsonAsync(read, HttpStatusCode.OK, cancellationToken);
    }

    private static async Task<List<string>> WaitForExecutorsAsync(TaskOperator ops, string team, string run, CancellationToken cancellationToken)
    {
        while (true)
        {
            if ((await TreeAsync(ops, team, run, cancellationToken))["executors"] is JsonArray executors)
            {
                return Executors(new JsonObject { ["executors"] = executors.DeepClone() });
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static List<string> Executors(JsonObject tree) => [.. tree["executors"]!.AsArray().Select(e => e!.GetValue<string>())];

    private static List<string> SubTaskAgents(JsonObject tree) =>
        [.. tree["goals"]!.AsArray().SelectMany(g => g!["sub_tasks"]!.AsArray()).Select(s => s!["agent"]!.GetValue<string>())];

    private static async Task<string> BestMatchAsync(TaskOperator ops, CancellationToken cancellationToken)
    {
        using var match = await ops.Client.GetAsync(new Uri("api/v1/registry/match?capabilities=crunch:1&role=executor", UriKind.Relative), cancellationToken);
        return (await ApiAgent.ReadJsonAsync(match, HttpStatusCode.OK, cancellationToken))["candidates"]![0]!["agent_id"]!.GetValue<string>();
    }
}
