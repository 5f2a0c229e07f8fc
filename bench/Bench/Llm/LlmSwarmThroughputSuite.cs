using System.Globalization;

namespace AgentPlatform.Bench.Llm;

/// <summary>Issue 10's swarm throughput: 5,000 planned sub-tasks (1,000 with <c>--quick</c>) under <c>max_concurrency</c> 20 on
/// LLM agents whose test server answers in 50 ms, against the ideal 20 / 50 ms = 400 sub-tasks/s (target at least 95 %).</summary>
public sealed class LlmSwarmThroughputSuite : BenchSuite
{
    private const int LatencyMs = 50;
    private const int MaxConcurrency = 20;

    public override string Name => "llm-swarm-throughput";

    public override string Description =>
        "swarm sample over HTTP, host process + test LLM server process: 5,000 sub-tasks, max_concurrency 20, 50 ms per call, vs the ideal 400/s";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = SwarmRun.Quick ? 1_000 : 5_000;
        const double ideal = MaxConcurrency * 1000.0 / LatencyMs;
        var results = new List<SwarmRun.Result>();
        for (var run = 0; run < report.Runs; run++)
        {
            results.Add(await SwarmRun.RunAsync(documents, ["--latency-ms", LatencyMs.ToString(CultureInfo.InvariantCulture)], cancellationToken));
        }

        report.Row($"sub-tasks completed per second ({documents:N0}, first scheduled to last completed)", "tasks/s", [.. results.Select(r => r.Throughput)]);
        report.Row($"share of the ideal {ideal:N0}/s (target >= 95)", "%", [.. results.Select(r => 100 * r.Throughput / ideal)]);
        report.Row("sub-task latency p50 (first scheduled to completed)", "ms", [.. results.Select(r => r.TaskLatencies[r.TaskLatencies.Count / 2])]);
        report.Row("sub-task latency p99", "ms", [.. results.Select(r => SwarmRun.P99(r.TaskLatencies))]);
        report.Row("most calls in flight at the test server (bound 20)", "calls", [.. results.Select(r => (double)r.MaxInFlight)]);
        report.Row("whole run, start request to completed (planner and aggregator included)", "s", [.. results.Select(r => r.WallSeconds)]);
        SwarmRun.NoteLoad(report);
    }
}
