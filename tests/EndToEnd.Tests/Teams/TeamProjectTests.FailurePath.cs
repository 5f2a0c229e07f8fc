using System.Net;
using System.Net.Http.Json;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>The manager's level of the failure path, a run that is not recovered, and an approval point that times out.</summary>
public sealed partial class TeamProjectTests
{
    [Fact]
    public async Task A_coordinator_that_fails_fails_its_goal_and_the_manager_replans_the_project_then_a_timed_out_approval_takes_its_default()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareAsync(ops, "replanning", "Replanning writers", """
            { retry_budget: 1, approvals: [ { at: project_report, approvers: [operator], timeout_seconds: 1, default: approve } ] }
            """, timeout);
        using var watcher = await ApiAgent.RegisterAsync(host, "watcher", timeout);
        await watcher.JoinAsync("team-replanning", timeout);
        await using var manager = Planner(host, "manager", ["--on-escalation", "replan"]);
        await using var coordinator = Planner(host, "coordinator", ["--fail-first", "1"]);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.9"]);
        await using var writer = Planner(host, "executor", ["--name", "writer", "--capabilities", "write=0.9"]);
        await using var reviewer = Planner(host, "executor", ["--name", "reviewer", "--capabilities", "review=0.9"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research", "write", "review"], timeout);

        await StartAsync(ops, "replanning", "replan-1", timeout);
        var final = await ops.WaitAsync("replan-1", timeout);
        var report = final["output"]!.AsObject();
        output.WriteLine(report.ToJsonString());
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal("completed", report["status"]!.GetValue<string>());

        // The first goal run failed at its coordinator's planning; the manager's answer re-planned the goals, which then completed.
        var first = await ops.WaitAsync(Uri.EscapeDataString("replan-1~goals[0]"), timeout);
        Assert.Equal("failed", first["status"]!.GetValue<string>());
        Assert.Contains("coordinator", first["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var escalation = report["escalations"]!.AsArray().Single()!;
        Assert.Equal("manager", escalation["level"]!.GetValue<string>());
        Assert.Equal("replan", escalation["answer"]!["decision"]!.GetValue<string>());
        Assert.Equal(["section-0", "assemble"], report["goals"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        Assert.All(report["goals"]!.AsArray(), g => Assert.Equal("completed", g!["status"]!.GetValue<string>()));
        Assert.Equal(["research", "write"], report["goals"]![0]!["sub_tasks"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("work[0]", report["goals"]![0]!["sub_tasks"]![0]!["step"]!.GetValue<string>());
        var replanned = await ops.WaitAsync(Uri.EscapeDataString("replan-1~manager-replan[0]"), timeout);
        Assert.Equal("completed", replanned["status"]!.GetValue<string>());

        // Nobody answered the report's approval within its second: the declared default (approve) let the run complete.
        var approval = final["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == "project-report-approval")!;
        Assert.Equal("approve", approval["output"]!["decision"]!.GetValue<string>());
        Assert.Equal("nobody answered in time", approval["output"]!["reason"]!.GetValue<string>());

        var progress = await ProgressAsync(watcher, "team-replanning", timeout);
        Assert.Equal(
            ["channel created", "project planned", "escalation to the manager", "project re-planned", "sub-tasks planned", "sub-tasks planned", "project completed", "approval requested"],
            progress);
    }

    [Fact]
    public async Task A_project_whose_failure_nobody_recovers_ends_failed_with_its_report()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareAsync(ops, "giving-up", "Giving up", "{ retry_budget: 1 }", timeout);
        await using var manager = Planner(host, "manager", ["--on-escalation", "give_up"]);
        await using var coordinator = Planner(host, "coordinator", ["--on-escalation", "give_up"]);
        await using var researcher = Planner(host, "executor", ["--name", "researcher", "--capabilities", "research=0.9", "--fail-first", "1"]);
        await using var writer = Planner(host, "executor", ["--name", "writer", "--capabilities", "write=0.9"]);
        await using var reviewer = Planner(host, "executor", ["--name", "reviewer", "--capabilities", "review=0.9"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research", "write", "review"], timeout);

        await StartAsync(ops, "giving-up", "given-up-1", timeout);
        var final = await ops.WaitAsync("given-up-1", timeout);
        Assert.Equal("failed", final["status"]!.GetValue<string>());
        Assert.Contains("project failed", final["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // The report is still written: the output of the report step, and what the tree shows.
        var report = final["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == "report")!["output"]!.AsObject();
        using var read = await ops.Client.GetAsync(new Uri("api/v1/teams/giving-up/projects/given-up-1", UriKind.Relative), timeout);
        var tree = await ApiAgent.ReadJsonAsync(read, HttpStatusCode.OK, timeout);
        output.WriteLine(tree.ToJsonString());
        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal("failed", tree["status"]!.GetValue<string>());
        Assert.Equal(report["goals"]!.ToJsonString(), tree["goals"]!.ToJsonString());
        Assert.Equal(["failed", "pending"], tree["goals"]!.AsArray().Select(g => g!["status"]!.GetValue<string>()));
        var research = tree["goals"]![0]!["sub_tasks"]![0]!;
        Assert.Equal("failed", research["status"]!.GetValue<string>());
        Assert.Equal(["coordinator", "manager"], tree["escalations"]!.AsArray().Select(e => e!["level"]!.GetValue<string>()));
        Assert.All(tree["escalations"]!.AsArray(), e => Assert.Equal("give_up", e!["answer"]!["decision"]!.GetValue<string>()));
    }

    /// <summary>Declares a team named <paramref name="name"/> of one manager, one coordinator and an executor member per capability
    /// (research, write, review) with <paramref name="policies"/> (YAML flow style).</summary>
    private static Task DeclareAsync(TaskOperator ops, string team, string name, string policies, CancellationToken cancellationToken) =>
        DeclareWithManagerAsync(ops, team, "plan-project", policies, cancellationToken, name: name);

    private static async Task StartAsync(TaskOperator ops, string team, string run, CancellationToken cancellationToken)
    {
        using var start = await ops.Client.PostAsJsonAsync(
            new Uri($"api/v1/teams/{team}/projects", UriKind.Relative), new { run_id = run, input = new { sections = new[] { "intro" } } }, cancellationToken);
        await ApiAgent.ReadJsonAsync(start, HttpStatusCode.Created, cancellationToken);
    }

    private static async Task<List<string>> ProgressAsync(ApiAgent watcher, string channel, CancellationToken cancellationToken)
    {
        var log = await watcher.ReadWholeLogAsync(channel, cancellationToken);
        return [.. log.Where(m => m!["kind"]!.GetValue<string>() == "system" && m["sender_id"]!.GetValue<string>() == "platform").Select(m => m!["title"]!.GetValue<string>())];
    }
}
