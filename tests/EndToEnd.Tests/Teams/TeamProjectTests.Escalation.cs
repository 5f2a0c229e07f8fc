using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>Escalation rounds (<c>to_manager_after</c>), a declared human escalation policy, and goal runs that keep the goal version
/// their project started with when the team is declared again.</summary>
public sealed partial class TeamProjectTests
{
    [Fact]
    public async Task The_coordinator_is_asked_to_manager_after_times_before_the_manager_is_asked_and_once_by_default()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareWithManagerAsync(ops, "rounds", "plan-project", "{ retry_budget: 1, escalation: { to_manager_after: 2 } }", timeout);
        await DeclareWithManagerAsync(ops, "once", "plan-project", "{ retry_budget: 1 }", timeout);
        await using var manager = Planner(host, "manager", ["--on-escalation", "give_up"]);
        await using var coordinator = Planner(host, "coordinator", ["--on-escalation", "replan"]);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.9", "--fail-first", "1000"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research"], timeout);

        await StartAsync(ops, "rounds", "rounds-1", timeout);
        await StartAsync(ops, "once", "once-1", timeout);
        foreach (var (team, run, asked, lastRun, attempts) in new[] { ("rounds", "rounds-1", 2, "coordinator-replan-2[0]", 3), ("once", "once-1", 1, "coordinator-replan[0]", 2) })
        {
            var final = await ops.WaitAsync(run, timeout);
            Assert.Equal("failed", final["status"]!.GetValue<string>());
            using var read = await ops.Client.GetAsync(new Uri($"api/v1/teams/{team}/projects/{run}", UriKind.Relative), timeout);
            var tree = await ApiAgent.ReadJsonAsync(read, HttpStatusCode.OK, timeout);
            output.WriteLine(tree.ToJsonString());

            // Every round re-planned the research, which failed again; the tree counts its attempts over all rounds.
            Assert.Equal([.. Enumerable.Repeat("coordinator", asked), "manager"], tree["escalations"]!.AsArray().Select(e => e!["level"]!.GetValue<string>()));
            Assert.All(tree["escalations"]!.AsArray().Take(asked), e => Assert.Equal("replan", e!["answer"]!["decision"]!.GetValue<string>()));
            var research = tree["goals"]![0]!["sub_tasks"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "research")!;
            Assert.Equal((lastRun, "failed", attempts), (research["step"]!.GetValue<string>(), research["status"]!.GetValue<string>(), research["attempts"]!.GetValue<int>()));

            // The manager was asked only after the last round's re-run had failed.
            var goal = await ops.HistoryAsync(Uri.EscapeDataString($"{run}~goals[0]"), timeout);
            Assert.Equal(asked, goal.Count(e => e!["type"]!.GetValue<string>() == "task_scheduled" && e["step_id"]!.GetValue<string>().StartsWith("ask-coordinator", StringComparison.Ordinal)));
            var lastFailure = goal.Where(e => e!["type"]!.GetValue<string>() == "task_failed").Max(e => e!["ts"]!.GetValue<DateTimeOffset>());
            var project = await ops.HistoryAsync(run, timeout);
            var askManager = project.Single(e => e!["type"]!.GetValue<string>() == "task_scheduled" && e["step_id"]!.GetValue<string>() == "ask-manager")!;
            Assert.True(askManager["ts"]!.GetValue<DateTimeOffset>() >= lastFailure);
        }
    }

    [Fact]
    public async Task A_declared_human_escalation_refuses_other_approvers_and_takes_its_default_when_its_timeout_passes()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareWithManagerAsync(ops, "humane", "plan-human", "{ retry_budget: 1, escalation: { human: { approvers: [coordinator], timeout_seconds: 4, default: retry } } }", timeout);
        await using var manager = Planner(host, "manager", ["--capabilities", "plan-human=1", "--on-escalation", "ask_human"]);
        await using var coordinator = Planner(host, "coordinator", ["--on-escalation", "give_up"]);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.9", "--fail-first", "1000"]);
        await WaitUntilMatchableAsync(ops, ["plan-human", "plan-goal", "research"], timeout);

        await StartAsync(ops, "humane", "humane-1", timeout);
        await WaitForStepAsync(ops, "humane-1", "human", "running", timeout);

        // The operator is not among the declared approvers: its answer is refused and the run keeps waiting.
        using (var refused = await ops.Client.PostAsJsonAsync(
            new Uri("api/v1/workflows/instances/humane-1/events/escalation", UriKind.Relative), new { payload = new { decision = "give_up" } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var final = await ops.WaitAsync("humane-1", timeout);
        Assert.Equal("failed", final["status"]!.GetValue<string>());
        var human = Step(final, "human");
        Assert.Equal("""{"decision":"retry","reason":"nobody answered in time"}""", human["output"]!.ToJsonString());
        var waited = human["ended_at"]!.GetValue<DateTimeOffset>() - human["started_at"]!.GetValue<DateTimeOffset>();
        Assert.True(waited >= TimeSpan.FromSeconds(4), $"the default came after {waited}, before the declared 4 s");

        // The default decision ran the remaining goals again.
        Assert.Equal("failed", Step(final, "human-retry")["status"]!.GetValue<string>());
        var again = await ops.WaitAsync(Uri.EscapeDataString("humane-1~human-retry[0]"), timeout);
        Assert.Equal("team.humane.goal", again["definition_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_goal_replanned_after_the_team_was_declared_again_runs_the_goal_version_its_project_started_with()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        const string Waiting = "{ retry_budget: 1, approvals: [ { at: project_plan, approvers: [operator], timeout_seconds: 600, default: reject } ] }";
        await DeclareWithManagerAsync(ops, "pinned", "plan-project", Waiting, timeout);
        await using var manager = Planner(host, "manager", ["--on-escalation", "replan"]);
        await using var coordinator = Planner(host, "coordinator", ["--on-escalation", "give_up"]);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.9", "--fail-first", "1000"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research"], timeout);

        await StartAsync(ops, "pinned", "pinned-1", timeout);
        await WaitForStepAsync(ops, "pinned-1", "project-plan-approval", "running", timeout);
        await DeclareWithManagerAsync(ops, "pinned", "plan-project", Waiting.Replace("retry_budget: 1", "retry_budget: 2", StringComparison.Ordinal), timeout, HttpStatusCode.OK);
        using (var latest = await ops.Client.GetAsync(new Uri("api/v1/workflows/definitions/team.pinned.goal", UriKind.Relative), timeout))
        {
            Assert.Equal(2, (await ApiAgent.ReadJsonAsync(latest, HttpStatusCode.OK, timeout))["version"]!.GetValue<int>());
        }

        using (var approve = await ops.Client.PostAsJsonAsync(
            new Uri("api/v1/workflows/instances/pinned-1/events/project_plan_approval", UriKind.Relative), new { payload = new { decision = "approve" } }, timeout))
        {
            Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync(timeout));
        }

        var final = await ops.WaitAsync("pinned-1", timeout);
        Assert.Equal("failed", final["status"]!.GetValue<string>());
        Assert.Equal("completed", Step(final, "manager-goals")["status"]!.GetValue<string>());
        foreach (var goalRun in new[] { "pinned-1~goals[0]", "pinned-1~manager-replan[0]" })
        {
            var goal = await ops.WaitAsync(Uri.EscapeDataString(goalRun), timeout);
            Assert.Equal(("team.pinned.goal", 1), (goal["definition_id"]!.GetValue<string>(), goal["definition_version"]!.GetValue<int>()));
        }
    }

    /// <summary>Declares a team of one manager selected by <paramref name="managerCapability"/>, one coordinator and an executor member
    /// per capability (research, write, review) with <paramref name="policies"/> (YAML flow style).</summary>
    private static async Task DeclareWithManagerAsync(
        TaskOperator ops, string team, string managerCapability, string policies, CancellationToken cancellationToken,
        HttpStatusCode expected = HttpStatusCode.Created, string? name = null)
    {
        var yaml = $$"""
            name: {{name ?? team}}
            members:
              - { role: manager, capabilities: { {{managerCapability}}: 1 } }
              - { role: coordinator, capabilities: { plan-goal: 1 } }
              - { role: executor, capabilities: { research: 1 } }
              - { role: executor, capabilities: { write: 1 } }
              - { role: executor, capabilities: { review: 1 } }
            policies: {{policies.Trim()}}
            """;
        using var put = await ops.Client.PutAsync(new Uri($"api/v1/teams/{team}", UriKind.Relative), new StringContent(yaml, Encoding.UTF8, "application/yaml"), cancellationToken);
        Assert.True(put.StatusCode == expected, await put.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task WaitForStepAsync(TaskOperator ops, string run, string step, string status, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await ops.Client.GetAsync(new Uri($"api/v1/workflows/instances/{run}", UriKind.Relative), cancellationToken);
            var state = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
            if (Step(state, step)["status"]!.GetValue<string>() == status)
            {
                return;
            }

            Assert.Equal("running", state["status"]!.GetValue<string>());
            await Task.Delay(100, cancellationToken);
        }
    }

    private static JsonNode Step(JsonObject state, string id) => state["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == id)!;
}
