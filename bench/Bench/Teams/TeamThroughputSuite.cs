using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Bench.Http;
using AgentPlatform.TestKit;

namespace AgentPlatform.Bench.Teams;

/// <summary>A team project over HTTP against the Release host process: a rule-based manager and coordinator (HTTP agents in the
/// bench process) plan N goals of M independent sub-tasks, which the host's built-in <c>noop</c> agent executes, so what is
/// measured is the platform's own cost of a team run. Sub-tasks per second from the first sub-task scheduled to the last
/// completed (history timestamps, across the run and any child instances), the project's wall time (start request to the
/// completed answer, planning included) and the host's CPU per sub-task over the whole project.</summary>
public sealed class TeamThroughputSuite : BenchSuite
{
    private const string Team = "bench-team";
    private const string TeamJson = """
        { "name": "Bench team",
          "members": [
            { "role": "manager", "capabilities": { "bench-plan-project": 1 } },
            { "role": "coordinator", "capabilities": { "bench-plan-goal": 1 } },
            { "role": "executor", "capabilities": { "noop": 1 } } ] }
        """;

    public override string Name => "team-throughput";

    public override string Description =>
        "team project of N goals x M noop sub-tasks over HTTP, host process, SQLite: sub-tasks/s (first scheduled to last completed), project wall time, host CPU per sub-task";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var goals = int.Parse(Environment.GetEnvironmentVariable("BENCH_TEAM_GOALS") ?? (report.Quick ? "4" : "10"), CultureInfo.InvariantCulture);
        var subTasks = int.Parse(Environment.GetEnvironmentVariable("BENCH_TEAM_SUBTASKS") ?? (report.Quick ? "25" : "50"), CultureInfo.InvariantCulture);
        await using var host = await BenchHost.StartAsync(new Dictionary<string, string> { ["Workflows__BuiltInAgents__Enabled"] = "true" }, cancellationToken);
        await host.SendJsonAsync(HttpMethod.Put, $"api/v1/teams/{Team}", BenchHost.OperatorToken, TeamJson, cancellationToken);
        await using var manager = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "bench-manager", "manager", new Dictionary<string, double> { ["bench-plan-project"] = 1 }, NoopTeamPlanners.PlanProjectAsync, cancellationToken);
        await using var coordinator = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "bench-coordinator", "coordinator", new Dictionary<string, double> { ["bench-plan-goal"] = 1 }, NoopTeamPlanners.PlanGoalAsync, cancellationToken);

        // Warm-up (JIT, tiering, actor activations), so the first measured project is not a cold start.
        await RunProjectAsync(host, "warm-up", 2, 5, cancellationToken);
        var rates = new List<double>();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var measured = await RunProjectAsync(host, $"project-{run}", goals, subTasks, cancellationToken);
            rates.Add(measured.SubTasksPerSecond);
            wall.Add(measured.Wall.TotalMilliseconds);
            cpu.Add(measured.HostCpu.TotalMicroseconds / (goals * subTasks));
        }

        report.Row($"sub-tasks per second, {goals} goals x {subTasks} noop sub-tasks (first scheduled to last completed)", "sub-tasks/s", rates);
        report.Row("project wall time (start request to completed, planning included)", "ms", wall);
        report.Row("host process CPU per sub-task over the whole project (all threads, planning included)", "µs", cpu);
        report.Note($"Planners are HTTP agents in the bench process. Load average: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared).");
    }

    private static async Task<ProjectMeasurement> RunProjectAsync(BenchHost host, string run, int goals, int subTasks, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["run_id"] = run, ["input"] = new JsonObject { ["goals"] = goals, ["sub_tasks"] = subTasks } };
        var cpuBefore = host.ProcessorTime;
        var clock = Stopwatch.StartNew();
        await host.SendJsonAsync(HttpMethod.Post, $"api/v1/teams/{Team}/projects", BenchHost.OperatorToken, input.ToJsonString(), cancellationToken);
        var status = await host.WaitEndedAsync(run, cancellationToken);
        var wall = clock.Elapsed;
        var hostCpu = host.ProcessorTime - cpuBefore;
        var state = await host.SendJsonAsync(HttpMethod.Get, $"api/v1/workflows/instances/{run}", BenchHost.OperatorToken, null, cancellationToken);
        if (status != "completed" || state["output"]?["status"]?.GetValue<string>() != "completed")
        {
            throw new InvalidOperationException($"Project {run} ended {status}: {state}");
        }

        var tree = await WorkflowTreeHistory.ReadAsync(host.Client, BenchHost.OperatorToken, run, cancellationToken);
        var work = tree.ScheduledWithInput("sub_task");
        var completed = tree.EventsOf("task_completed", work).Select(e => e["ts"]!.GetValue<DateTimeOffset>()).ToList();
        if (work.Count != goals * subTasks || completed.Count != work.Count)
        {
            throw new InvalidOperationException($"Project {run}: {work.Count} sub-tasks scheduled, {completed.Count} completed, {goals * subTasks} planned.");
        }

        var first = work.Values.Min(e => e["ts"]!.GetValue<DateTimeOffset>());
        return new ProjectMeasurement(completed.Count / (completed.Max() - first).TotalSeconds, wall, hostCpu);
    }

    private sealed record ProjectMeasurement(double SubTasksPerSecond, TimeSpan Wall, TimeSpan HostCpu);
}
