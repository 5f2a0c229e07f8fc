using System.Globalization;

namespace AgentPlatform.Bench.Llm;

/// <summary>Issue 10's swarm throughput: 5,000 planned sub-tasks (1,000 with <c>--quick</c>) under <c>max_concurrency</c> 20 on
/// LLM agents whose test server answers in 50 ms, against the ideal 20 / 50 ms = 400 sub-tasks/s (target at least 95 %). A swarm
/// sized to the warm-up time runs first on the same host and server, so the run measures them warm (<see cref="BenchWarmUp"/>); then
/// the same number of calls goes straight to the server (<see cref="ProviderCeiling"/>), which shows what the provider path alone
/// costs on this machine.</summary>
public sealed class LlmSwarmThroughputSuite : BenchSuite
{
    private const int LatencyMs = 50;
    private const double Ideal = SwarmRun.Bound * 1000.0 / LatencyMs;

    public override string Name => "llm-swarm-throughput";

    public override string Description =>
        "swarm sample over HTTP, host process + test LLM server process: 5,000 sub-tasks, max_concurrency 20, 50 ms per call, vs the ideal 400/s";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = report.Quick ? 1_000 : 5_000;
        var results = await SwarmRun.RunEachAsync(
            report, documents, ["--latency-ms", LatencyMs.ToString(CultureInfo.InvariantCulture)], warmUpRate: Ideal, measuresCeiling: true, cancellationToken);
        report.Row($"sub-tasks completed per second ({documents:N0}, first scheduled to last completed)", "tasks/s", [.. results.Select(r => r.Throughput)]);
        report.Row($"share of the ideal {Ideal:N0}/s (target >= 95)", "%", [.. results.Select(r => 100 * r.Throughput / Ideal)]);
        report.Row(
            $"provider path alone: {SwarmRun.Bound} callers straight through IChatClient to the same warm server, {documents:N0} calls",
            "calls/s",
            [.. results.Select(r => r.ProviderCeiling!.Value)]);
        report.Row("swarm as a share of the provider path alone", "%", [.. results.Select(r => 100 * r.Throughput / r.ProviderCeiling!.Value)]);
        SwarmRun.ReportCommon(report, results);
    }
}
