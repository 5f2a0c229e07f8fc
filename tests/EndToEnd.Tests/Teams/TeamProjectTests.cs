using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>The sample team of <c>samples/team</c> on the real host: a rule-based manager and coordinator (<c>planner.py</c>), Python
/// and Node.js executors, a project of several goals with dependencies, its tree, its report and its progress in the team channel.</summary>
public sealed partial class TeamProjectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_project_runs_through_manager_coordinator_and_executor_processes_and_reports_every_sub_task()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "team", "team.yaml"), timeout);
        using (var put = await ops.Client.PutAsync(new Uri("api/v1/teams/writers", UriKind.Relative), new StringContent(yaml, Encoding.UTF8, "application/yaml"), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var watcher = await ApiAgent.RegisterAsync(host, "watcher", timeout);
        await watcher.JoinAsync("team-writers", timeout);

        await using var manager = Planner(host, "manager", []);
        await using var coordinator = Planner(host, "coordinator", []);
        await using var researcher = TaskAgentProcess.Start("python3", "samples/python-agent/agent.py", host, "researcher", "research=0.9", 0, 0, output, "executor");
        await using var writer = TaskAgentProcess.Start("node", "samples/node-agent/agent.mjs", host, "writer", "write=0.9", 0, 0, output, "executor");
        await using var reviewer = TaskAgentProcess.Start("python3", "samples/python-agent/agent.py", host, "reviewer", "review=0.9", 0, 0, output, "executor");
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research", "write", "review"], timeout);

        using (var start = await ops.Client.PostAsJsonAsync(
            new Uri("api/v1/teams/writers/projects", UriKind.Relative), new { run_id = "report-1", input = new { sections = new[] { "intro", "method" } } }, timeout))
        {
            var started = await ApiAgent.ReadJsonAsync(start, HttpStatusCode.Created, timeout);
            Assert.Equal("report-1", started["run"]!.GetValue<string>());
            Assert.Equal("planning", started["status"]!.GetValue<string>());
        }

        var final = await ops.WaitAsync("report-1", timeout);
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal("team.writers", final["definition_id"]!.GetValue<string>());

        using var read = await ops.Client.GetAsync(new Uri("api/v1/teams/writers/projects/report-1", UriKind.Relative), timeout);
        var tree = await ApiAgent.ReadJsonAsync(read, HttpStatusCode.OK, timeout);
        output.WriteLine(tree.ToJsonString());
        Assert.Equal("completed", tree["status"]!.GetValue<string>());
        Assert.Equal("done", tree["phase"]!.GetValue<string>());
        var goals = tree["goals"]!.AsArray().Select(g => g!.AsObject()).ToList();
        Assert.Equal(["section-0", "section-1", "assemble"], goals.Select(g => g["id"]!.GetValue<string>()));
        Assert.Equal(["section-0", "section-1"], goals[2]["depends_on"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.All(goals, g => Assert.Equal("completed", g["status"]!.GetValue<string>()));
        Assert.All(goals, g => Assert.StartsWith("agt_", g["coordinator"]!.GetValue<string>(), StringComparison.Ordinal));

        var researcherId = AgentIdOf(tree, "research");
        var writerId = AgentIdOf(tree, "write");
        Assert.NotEqual(researcherId, writerId);
        foreach (var goal in goals.Take(2))
        {
            var subTasks = goal["sub_tasks"]!.AsArray().Select(s => s!.AsObject()).ToList();
            Assert.Equal(["research", "write"], subTasks.Select(s => s["id"]!.GetValue<string>()));
            Assert.All(subTasks, s => Assert.Equal("completed", s["status"]!.GetValue<string>()));
            Assert.All(subTasks, s => Assert.Equal(1, s["attempts"]!.GetValue<int>()));
            Assert.All(subTasks, s => Assert.True(s["duration_ms"]!.GetValue<long>() >= 0));
            Assert.Equal(writerId, subTasks[1]["agent"]!.GetValue<string>());
            Assert.Equal("node", subTasks[1]["output"]!["language"]!.GetValue<string>());

            // The writer's input carried the researcher's output of the same goal.
            Assert.Equal(researcherId, subTasks[1]["output"]!["input"]!["notes"]!["agent"]!.GetValue<string>());
        }

        // The assembling goal started only after both sections were written.
        var review = goals[2]["sub_tasks"]!.AsArray().Single()!.AsObject();
        Assert.Equal("review", review["id"]!.GetValue<string>());
        var written = goals.Take(2).Select(g => g["sub_tasks"]![1]!["ended_at"]!.GetValue<DateTimeOffset>()).Max();
        Assert.True(review["started_at"]!.GetValue<DateTimeOffset>() >= written);
        Assert.Equal(new JsonObject { ["goals"] = 3, ["sub_tasks"] = 5, ["completed"] = 5, ["failed"] = 0, ["attempts"] = 5 }.ToJsonString(),
            new JsonObject
            {
                ["goals"] = tree["totals"]!["goals"]!.GetValue<int>(), ["sub_tasks"] = tree["totals"]!["sub_tasks"]!.GetValue<int>(),
                ["completed"] = tree["totals"]!["completed"]!.GetValue<int>(), ["failed"] = tree["totals"]!["failed"]!.GetValue<int>(),
                ["attempts"] = tree["totals"]!["attempts"]!.GetValue<int>(),
            }.ToJsonString());

        // The run's output is the report: the same tree as it stood when the report step ran.
        var report = final["output"]!.AsObject();
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        Assert.Equal(tree["totals"]!.ToJsonString(), report["totals"]!.ToJsonString());
        Assert.Equal(tree["goals"]!.ToJsonString(), report["goals"]!.ToJsonString());

        // Progress is in the team channel as system messages from the platform.
        var log = await watcher.ReadWholeLogAsync("team-writers", timeout);
        var progress = log.Where(m => m!["kind"]!.GetValue<string>() == "system" && m["sender_id"]!.GetValue<string>() == "platform")
            .Select(m => m!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["channel created", "project planned", "sub-tasks planned", "sub-tasks planned", "sub-tasks planned", "project completed"], progress);

        // Each goal ran as a child workflow of the team's goal definition, whose output is the goal's report.
        var assemble = await ops.WaitAsync(Uri.EscapeDataString("report-1~goals[2]"), timeout);
        Assert.Equal("team.writers.goal", assemble["definition_id"]!.GetValue<string>());
        Assert.Equal("report-1", assemble["parent_instance_id"]!.GetValue<string>());
        Assert.Equal("completed", assemble["output"]!["status"]!.GetValue<string>());
        Assert.Equal(goals[2]["sub_tasks"]!.ToJsonString(), assemble["output"]!["goal"]!["sub_tasks"]!.ToJsonString());
    }

    [Fact]
    public async Task A_sub_task_that_fails_its_retry_budget_is_escalated_to_the_coordinator_whose_retry_completes_the_project()
    {
        var timeout = TestTimeout.After(170);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await DeclareAsync(ops, "fragile", "Fragile writers", "{ retry_budget: 1 }", timeout);

        using var watcher = await ApiAgent.RegisterAsync(host, "watcher", timeout);
        await watcher.JoinAsync("team-fragile", timeout);
        await using var manager = Planner(host, "manager", []);
        await using var coordinator = Planner(host, "coordinator", ["--on-escalation", "retry"]);
        await using var researcher = TaskAgentProcess.Start("python3", "samples/python-agent/agent.py", host, "researcher", "research=0.9", 0, 0, output, "executor");
        await using var writer = TaskAgentProcess.Start("node", "samples/node-agent/agent.mjs", host, "writer", "write=0.9", 0, 0, output, "executor");
        await using var reviewer = Planner(host, "executor", ["--capabilities", "review=0.9", "--fail-first", "1"]);
        await WaitUntilMatchableAsync(ops, ["plan-project", "plan-goal", "research", "write", "review"], timeout);

        using (var start = await ops.Client.PostAsJsonAsync(
            new Uri("api/v1/teams/fragile/projects", UriKind.Relative), new { run_id = "fragile-1", input = new { sections = new[] { "intro" } } }, timeout))
        {
            await ApiAgent.ReadJsonAsync(start, HttpStatusCode.Created, timeout);
        }

        var final = await ops.WaitAsync("fragile-1", timeout);
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var report = final["output"]!.AsObject();
        output.WriteLine(report.ToJsonString());
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        var escalation = report["escalations"]!.AsArray().Single()!;
        Assert.Equal("coordinator", escalation["level"]!.GetValue<string>());
        Assert.Equal("retry", escalation["answer"]!["decision"]!.GetValue<string>());

        // The review failed once in the first run, then completed in the coordinator's retry, on the same (now healthy) executor.
        var review = report["goals"]![1]!["sub_tasks"]!.AsArray().Single()!;
        Assert.Equal("review", review["id"]!.GetValue<string>());
        Assert.Equal("coordinator-retry[0]", review["step"]!.GetValue<string>());
        Assert.Equal("completed", review["status"]!.GetValue<string>());
        Assert.Equal(2, review["attempts"]!.GetValue<int>());
        Assert.Equal(new[] { 3, 3, 0, 4 }, new[] { "sub_tasks", "completed", "failed", "attempts" }.Select(n => report["totals"]![n]!.GetValue<int>()));

        using var read = await ops.Client.GetAsync(new Uri("api/v1/teams/fragile/projects/fragile-1", UriKind.Relative), timeout);
        var tree = await ApiAgent.ReadJsonAsync(read, HttpStatusCode.OK, timeout);
        Assert.Equal(report["goals"]!.ToJsonString(), tree["goals"]!.ToJsonString());

        // The first run's failure is in the goal run's history; the escalation is a step of it and a system message in the channel.
        var history = await ops.HistoryAsync(Uri.EscapeDataString("fragile-1~goals[1]"), timeout);
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "task_failed" && e["task_id"]!.GetValue<string>() == "fragile-1~goals[1]:work[0]:1");
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "task_scheduled" && e["step_id"]!.GetValue<string>() == "ask-coordinator");
        var log = await watcher.ReadWholeLogAsync("team-fragile", timeout);
        var progress = log.Where(m => m!["kind"]!.GetValue<string>() == "system" && m["sender_id"]!.GetValue<string>() == "platform")
            .Select(m => m!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["channel created", "project planned", "sub-tasks planned", "sub-tasks planned", "escalation to the coordinator", "project completed"], progress);
    }

    private static string AgentIdOf(JsonObject tree, string subTask) =>
        tree["goals"]![0]!["sub_tasks"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == subTask)!["agent"]!.GetValue<string>();

    private PlannerProcess Planner(HostProcess host, string role, string[] arguments)
    {
        var start = ScriptProcess.StartInfo(
            "python3", "samples/team/planner.py", ["--role", role, "--name", role, "--timeout", "160", "--heartbeat-interval", "1", .. arguments]);
        start.Environment["HOST_URL"] = host.BaseAddress.ToString().TrimEnd('/');
        return new PlannerProcess(Process.Start(start)!, output, role);
    }

    private static async Task WaitUntilMatchableAsync(TaskOperator ops, string[] capabilities, CancellationToken cancellationToken, string? role = null)
    {
        foreach (var capability in capabilities)
        {
            while (true)
            {
                var query = role is null ? $"capabilities={capability}:1" : $"capabilities={capability}:1&role={role}";
                using var response = await ops.Client.GetAsync(new Uri($"api/v1/registry/match?{query}", UriKind.Relative), cancellationToken);
                var match = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
                if (match["candidates"]?.AsArray().Count > 0)
                {
                    break;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>A <c>planner.py</c> child process whose lines go to the test output; killed when the test ends.</summary>
    private sealed class PlannerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        public PlannerProcess(Process process, ITestOutputHelper output, string label)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Write(output, label, e.Data);
            process.ErrorDataReceived += (_, e) => Write(output, label, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static void Write(ITestOutputHelper output, string label, string? line)
        {
            if (line is null)
            {
                return;
            }

            try
            {
                output.WriteLine($"[{label}] {line}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; xunit no longer takes output.
            }
        }
    }
}
