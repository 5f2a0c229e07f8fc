using System.Globalization;

namespace AgentPlatform.Bench.Llm;

/// <summary>Issue 10's provider limit: the swarm's sub-tasks (2,000, 500 with <c>--quick</c>) on a test LLM server that allows
/// 100 requests/s (token bucket, burst 10, 50 ms per call) and answers 429 with Retry-After beyond; sustained throughput (target
/// at least 90 % of 100/s), retries as a share of requests (target at most 20 %), p99 sub-task latency. Measured cold, so the
/// governor's adaptation to the limit from its start counts in the retry share.</summary>
public sealed class LlmSwarmRateLimitSuite : BenchSuite
{
    private const int RequestsPerSecond = 100;

    public override string Name => "llm-swarm-rate-limit";

    public override string Description =>
        "swarm sample over HTTP against a test LLM server allowing 100 requests/s (429 beyond): throughput, retry share, p99 sub-task latency";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var documents = report.Quick ? 500 : 2_000;
        string[] limit = ["--latency-ms", "50", "--rps", RequestsPerSecond.ToString(CultureInfo.InvariantCulture), "--burst", "10"];
        var results = await SwarmRun.RunEachAsync(report, documents, limit, warmUpRate: null, measuresCeiling: false, cancellationToken);
        report.Row($"sub-tasks completed per second ({documents:N0}, first scheduled to last completed)", "tasks/s", [.. results.Select(r => r.Throughput)]);
        report.Row($"share of the allowed {RequestsPerSecond}/s (target >= 90)", "%", [.. results.Select(r => 100 * r.Throughput / RequestsPerSecond)]);
        report.Row("retries (429 answers) as a share of all requests (target <= 20)", "%", [.. results.Select(r => 100.0 * r.RateLimited / r.Requests)]);
        report.Row("requests answered by the test server (429s included)", "requests", [.. results.Select(r => (double)r.Requests)]);
        SwarmRun.ReportCommon(report, results);
    }
}
