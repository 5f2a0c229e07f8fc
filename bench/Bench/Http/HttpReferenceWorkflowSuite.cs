using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Bench.Workflows;

namespace AgentPlatform.Bench.Http;

/// <summary>The reference shape (<see cref="ReferenceWorkflow"/>) over HTTP against the Release host process with its built-in
/// agents on (SQLite, the host's default durability): 50 clients each start an instance and wait until it completed
/// (<c>GET /instances/{id}?wait=</c>), again and again; completed instances per second, instance latency p50/p99, and the
/// host's process CPU per instance.</summary>
public sealed class HttpReferenceWorkflowSuite : BenchSuite
{
    private const int Clients = 50;

    public override string Name => "http-workflow-reference";

    public override string Description =>
        "reference shape (15 noop tasks) over HTTP, host process, SQLite: completed instances/s with 50 clients, latency p50/p99, host CPU per instance";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = double.Parse(Environment.GetEnvironmentVariable("BENCH_REFERENCE_SECONDS") ?? "5", CultureInfo.InvariantCulture);
        await using var host = await BenchHost.StartAsync(new Dictionary<string, string> { ["Workflows__BuiltInAgents__Enabled"] = "true" }, cancellationToken);
        await SendAsync(host, HttpMethod.Post, "api/v1/workflows/definitions", ReferenceWorkflow.Json(), cancellationToken);
        var next = 0;
        await host.WarmUpAsync(d => MeasureAsync(host, d, () => Interlocked.Increment(ref next), cancellationToken), cancellationToken);

        var rates = new List<double>();
        var cpu = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var cpuBefore = host.ProcessorTime;
            var (rate, latencies) = await MeasureAsync(host, TimeSpan.FromSeconds(seconds), () => Interlocked.Increment(ref next), cancellationToken);
            cpu.Add((host.ProcessorTime - cpuBefore).TotalMicroseconds / latencies.Count);
            rates.Add(rate);
            p50.Add(ClosedLoop.Percentile(latencies, 0.5));
            p99.Add(ClosedLoop.Percentile(latencies, 0.99));
        }

        report.Row($"completed instances, {ReferenceWorkflow.TasksPerInstance} noop tasks each, {Clients} HTTP clients (start, wait for completed)", "instances/s", rates);
        report.Row("host process CPU per instance (all threads)", "µs", cpu);
        report.Row("instance latency p50 (start request to completed answer)", "ms", p50);
        report.Row("instance latency p99 (start request to completed answer)", "ms", p99);
        report.Note($"Load average: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared).");
    }

    private static Task<(double Rate, List<double> Latencies)> MeasureAsync(BenchHost host, TimeSpan duration, Func<int> next, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(Clients, duration, (_, _) => RunInstanceAsync(host, $"ref-{next()}", cancellationToken), cancellationToken);

    private static async Task RunInstanceAsync(BenchHost host, string id, CancellationToken cancellationToken)
    {
        await SendAsync(host, HttpMethod.Post, "api/v1/workflows/instances", $$$"""{"definition_id":"{{{ReferenceWorkflow.Id}}}","instance_id":"{{{id}}}","input":{"n":1}}""", cancellationToken);
        var status = await host.WaitEndedAsync(id, cancellationToken);
        if (status != "completed")
        {
            throw new InvalidOperationException($"Instance {id} ended {status}.");
        }
    }

    private static Task<JsonNode> SendAsync(BenchHost host, HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        host.SendJsonAsync(method, path, BenchHost.OperatorToken, body, cancellationToken);
}
