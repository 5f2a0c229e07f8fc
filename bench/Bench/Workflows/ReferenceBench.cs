using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Bench.Workflows;

/// <summary>The reference shape (<see cref="ReferenceWorkflow"/>) in process, on the embedded runtime over SQLite (FULL sync,
/// group commit) as the host composes it: completed instances per second with 100 in flight (each loop starts an
/// instance and waits until it completed), process CPU per instance, and instance latency p50/p99.</summary>
public sealed class ReferenceBench : BenchSuite
{
    private const int InFlight = 100;
    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement;

    public override string Name => "workflow-reference";

    public override string Description =>
        "reference shape s1->s2->s3->parallel of 10->join->condition->one of two (15 noop tasks) in process, SQLite: completed instances/s with 100 in flight";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = double.Parse(Environment.GetEnvironmentVariable("BENCH_REFERENCE_SECONDS") ?? "5", CultureInfo.InvariantCulture);
        var rates = new List<double>();
        var cpu = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            await using var host = await RunnerBenchHost.StartAsync(RegisterNoop, inMemory: false);
            await host.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromJson(ReferenceWorkflow.Json()), cancellationToken);

            // Warm up with the same load (JIT tiers and the SQLite file settle), so the CPU measured is the steady state's.
            await MeasureAsync(host, $"warm{run}", BenchWarmUp.Duration, cancellationToken);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (rate, latencies) = await MeasureAsync(host, $"run{run}", TimeSpan.FromSeconds(seconds), cancellationToken);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            rates.Add(rate);
            cpu.Add(used.TotalMicroseconds / latencies.Count);
            p50.Add(ClosedLoop.Percentile(latencies, 0.5));
            p99.Add(ClosedLoop.Percentile(latencies, 0.99));
        }

        report.Row($"completed instances, {ReferenceWorkflow.TasksPerInstance} noop tasks each, {InFlight} in flight, SQLite FULL + group commit", "instances/s", rates);
        report.Row("process CPU per instance (all threads)", "µs", cpu);
        report.Row("instance latency p50 (start to completed)", "ms", p50);
        report.Row("instance latency p99 (start to completed)", "ms", p99);
        report.Note($"Load average: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared).");
    }

    /// <summary>Runs <see cref="InFlight"/> loops of start-and-wait for <paramref name="duration"/>; answers completed instances per
    /// second and every instance's latency in milliseconds, sorted.</summary>
    private static Task<(double Rate, List<double> Latencies)> MeasureAsync(RunnerBenchHost host, string prefix, TimeSpan duration, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(InFlight, duration, (worker, n) => RunInstanceAsync(host, $"{prefix}-{worker}-{n}", cancellationToken), cancellationToken);

    private static async Task RunInstanceAsync(RunnerBenchHost host, string id, CancellationToken cancellationToken)
    {
        var instanceId = WorkflowInstanceId.Create(id);
        var input = JsonDocument.Parse("{\"n\":1}").RootElement;
        await host.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = ReferenceWorkflow.Id, InstanceId = instanceId, Input = input }, cancellationToken);
        var state = await host.Workflows.WaitForCompletionAsync(instanceId, cancellationToken);
        if (state.Status != WorkflowStatus.Completed)
        {
            throw new InvalidOperationException($"Instance {instanceId} ended {state.Status}: {state.Error}");
        }
    }

    // The same handler as the host's built-in noop agent (AgentHost's BuiltInAgents.RegisterNoop): the input back, no I/O.
    private static void RegisterNoop(InProcessTaskAgents agents) =>
        agents.Register(ReferenceWorkflow.Agent, (task, _) => ValueTask.FromResult(task.Input ?? JsonNull));
}
