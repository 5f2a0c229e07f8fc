using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Teams;

/// <summary>A team project of 4 goals and 24 sub-tasks with dependencies, run by in-test HTTP agents while the host is SIGKILLed
/// three times as sub-tasks run; read only through the public API (team, project tree, workflow status and history).</summary>
public sealed partial class TeamCrashTests(ITestOutputHelper output)
{
    private const int Seed = 20261202;
    private const string Team = "crashers";
    private const string Run = "crash-project-1";

    [Fact]
    public async Task A_project_of_24_sub_tasks_survives_three_SIGKILLs_and_every_sub_task_completes_exactly_once()
    {
        var timeout = TestTimeout.After(150);
        var clock = Stopwatch.StartNew();
        // The platform's default lease (30 s) and heartbeat interval (5 s, the agents' own): the restart grace (a full lease and a
        // full window counted from the runtime's start) keeps an attempt in flight at a kill with its agent, whose heartbeats and
        // result wait for the host. The 4 s lease of the other task tests is shorter than this host's start-up on a loaded machine.
        var settings = new Dictionary<string, string>(TaskOperator.Settings) { ["Tasks__LeaseDuration"] = "00:00:30" };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        using (var put = await ops.Client.PutAsync(
            new Uri($"api/v1/teams/{Team}", UriKind.Relative), new StringContent(CrashProject.TeamYaml, Encoding.UTF8, "application/yaml"), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await using var manager = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "crash-manager", "manager", CrashProject.ManagerCapabilities, CrashProject.PlanProjectAsync, timeout);
        await using var coordinator = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "crash-coordinator", "coordinator", CrashProject.CoordinatorCapabilities, CrashProject.PlanGoalAsync, timeout);
        await using var executor = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "crash-executor", "executor", CrashProject.ExecutorCapabilities, CrashProject.ExecuteAsync, timeout);

        using (var start = await ops.Client.PostAsJsonAsync(
            new Uri($"api/v1/teams/{Team}/projects", UriKind.Relative), new { run_id = Run, input = new { name = "crash" } }, timeout))
        {
            await ApiAgent.ReadJsonAsync(start, HttpStatusCode.Created, timeout);
        }

        // Each kill waits until the executor has received a seeded number of sub-task deliveries, so it lands while sub-tasks
        // run; the short seeded delay after that only spreads the kill over the sub-task's work, it waits for nothing.
        var random = new Random(Seed);
        int[] killAfterReceipts = [random.Next(2, 7), random.Next(9, 14), random.Next(16, 21)];
        output.WriteLine($"seed {Seed}: SIGKILL after executor receipts {string.Join(", ", killAfterReceipts)}");
        JsonObject final;
        try
        {
            foreach (var (receipts, kill) in killAfterReceipts.Select((r, i) => (r, i + 1)))
            {
                await executor.WaitForReceivedAsync(receipts, timeout);
                var delay = random.Next(0, 150);
                await Task.Delay(delay, timeout);
                await host.KillAsync();
                output.WriteLine($"SIGKILL #{kill} at {clock.Elapsed.TotalSeconds:F1} s, {delay} ms after receipt {receipts}");
                await host.StartAsync(timeout);
            }

            final = await ops.WaitAsync(Run, timeout);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine($"executor received: {string.Join(" ", executor.Received)}");
            await WriteWhereTheRunStandsAsync(ops);
            throw;
        }

        output.WriteLine($"run ended {final["status"]} at {clock.Elapsed.TotalSeconds:F1} s; executor received {executor.Received.Count} deliveries");
        Assert.Equal("completed", final["status"]!.GetValue<string>());

        // The report (the run's output) lists every planned sub-task, completed, and each saw its dependencies' outputs.
        var report = final["output"]!.AsObject();
        output.WriteLine(report.ToJsonString());
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        var listed = report["goals"]!.AsArray()
            .SelectMany(g => g!["sub_tasks"]!.AsArray().Select(s => (Goal: g["id"]!.GetValue<string>(), SubTask: s!.AsObject())))
            .ToList();
        Assert.Equal(CrashProject.AllSubTasks.Order(StringComparer.Ordinal), listed.Select(s => $"{s.Goal}/{s.SubTask["id"]}").Order(StringComparer.Ordinal));
        Assert.All(listed, s => Assert.Equal("completed", s.SubTask["status"]!.GetValue<string>()));
        Assert.All(listed, s => Assert.Equal(
            CrashProject.DependenciesOf(s.SubTask["id"]!.GetValue<string>()),
            s.SubTask["output"]!["saw"]!.AsArray().Select(d => d!.GetValue<string>())));
        Assert.Equal(
            [CrashProject.Goals.Length, CrashProject.AllSubTasks.Count, CrashProject.AllSubTasks.Count, 0],
            new[] { "goals", "sub_tasks", "completed", "failed" }.Select(n => report["totals"]![n]!.GetValue<int>()));

        // Exactly once: across the run's history and the histories of every child instance it started (found through the
        // instance ids its history names), each sub-task's task completed once.
        var tree = await WorkflowTreeHistory.ReadAsync(ops.Client, TaskOperator.Token, Run, timeout);
        output.WriteLine($"histories read: {string.Join(", ", tree.Histories.Keys)}");
        var subTaskTasks = tree.ScheduledWithInput("sub_task");
        var completions = tree.EventsOf("task_completed", subTaskTasks)
            .GroupBy(e => SubTaskOf(subTaskTasks[e["task_id"]!.GetValue<string>()]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(CrashProject.AllSubTasks.Order(StringComparer.Ordinal), completions.Keys.Order(StringComparer.Ordinal));
        Assert.All(completions, c => Assert.True(c.Value == 1, $"{c.Key} completed {c.Value} times"));

        // Every restart found the run (or its children) unfinished and resumed it: the kills hit running work.
        var resumed = ResumedLine().Matches(host.Log).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        output.WriteLine($"instances resumed per start: {string.Join(", ", resumed)}; whole test {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(killAfterReceipts.Length, resumed.Count(n => n > 0));
    }

    /// <summary>For a run that did not end in time: its status and the histories of its tree, read under a fresh bound.</summary>
    private async Task WriteWhereTheRunStandsAsync(TaskOperator ops)
    {
        var bound = TestTimeout.After(20);
        using var status = await ops.Client.GetAsync(new Uri($"api/v1/workflows/instances/{Run}", UriKind.Relative), bound);
        output.WriteLine($"run did not end; status: {await status.Content.ReadAsStringAsync(bound)}");
        var tree = await WorkflowTreeHistory.ReadAsync(ops.Client, TaskOperator.Token, Run, bound);
        foreach (var (instance, events) in tree.Histories)
        {
            output.WriteLine($"history of {instance}:");
            foreach (var e in events)
            {
                output.WriteLine(e.ToJsonString());
            }
        }

        var finished = tree.Events.Where(e => Type(e) is "task_completed" or "task_failed").Select(e => e["task_id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var open in tree.ScheduledWithInput("sub_task").Keys.Where(id => !finished.Contains(id)))
        {
            using var task = await ops.Client.GetAsync(new Uri($"api/v1/tasks/{Uri.EscapeDataString(open)}", UriKind.Relative), bound);
            output.WriteLine($"open task {open}: {await task.Content.ReadAsStringAsync(bound)}");
        }
    }

    private static string Type(JsonObject e) => e["type"]!.GetValue<string>();

    private static string SubTaskOf(JsonObject scheduled) => $"{scheduled["input"]!["goal"]}/{scheduled["input"]!["sub_task"]}";

    [GeneratedRegex(@"Resumed (\d+) unfinished workflow instances")]
    private static partial Regex ResumedLine();
}
