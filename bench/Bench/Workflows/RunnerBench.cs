using System.Diagnostics;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Bench.Workflows;

/// <summary>The workflow runner end to end on the embedded runtime over SQLite (FULL sync, group commit): agent_task
/// steps per second across 100 concurrent instances, process CPU per step, and one instance's step latency.</summary>
public sealed class RunnerBench : BenchSuite
{
    private const int ConcurrentInstances = 100;
    private const int StepsPerInstance = 20;
    private const int LatencySteps = 500;
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(3);
    private static readonly JsonElement Output = JsonDocument.Parse("{\"ok\":true}").RootElement;
    private static Stopwatch? _deadline;

    public override string Name => "workflow-runner";

    public override string Description => "workflow runner: agent_task steps/s over 100 instances (fsync'd appends), CPU per step, single-instance step latency";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var durable = new List<(double Rate, double Cpu)>();
        var memory = new List<(double Rate, double Cpu)>();
        var ceiling = new List<(double Rate, double Cpu)>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            durable.Add(await ThroughputAsync(inMemory: false, cancellationToken));
            memory.Add(await ThroughputAsync(inMemory: true, cancellationToken));
            ceiling.Add(await CeilingAsync(cancellationToken));
            var (median, tail) = await LatencyAsync(cancellationToken);
            p50.Add(median);
            p99.Add(tail);
        }

        var shape = $"{ConcurrentInstances} concurrent instances of {StepsPerInstance} sequential steps, trivial in-process agent";
        report.Row($"agent_task steps, SQLite FULL + group commit, {shape}", "steps/s", [.. durable.Select(d => d.Rate)]);
        report.Row("process CPU per step (all threads, SQLite)", "µs", [.. durable.Select(d => d.Cpu)]);
        report.Row($"agent_task steps, in-memory store (no disk; the runner's own ceiling), {shape}", "steps/s", [.. memory.Select(d => d.Rate)]);
        report.Row("process CPU per step (all threads, in-memory store)", "µs", [.. memory.Select(d => d.Cpu)]);
        report.Row($"bare ceiling: durable one-key actor turns, SQLite FULL + group commit, {ConcurrentInstances} concurrent actors", "turns/s", [.. ceiling.Select(d => d.Rate)]);
        report.Row("process CPU per bare durable turn", "µs", [.. ceiling.Select(d => d.Cpu)]);
        report.Row($"single-instance step latency p50 ({LatencySteps} sequential steps, SQLite)", "µs", p50);
        report.Row($"single-instance step latency p99 ({LatencySteps} sequential steps, SQLite)", "µs", p99);
        report.Note($"Load average while measuring: {LoadAverage()} on {Environment.ProcessorCount} cores.");
    }

    private static async Task<(double Rate, double Cpu)> ThroughputAsync(bool inMemory, CancellationToken cancellationToken)
    {
        await using var host = await RunnerBenchHost.StartAsync(Register, inMemory);
        await host.Workflows.RegisterDefinitionAsync(Sequence("bench", StepsPerInstance), cancellationToken);

        // Warm up JIT and the SQLite file before timing.
        for (var i = 0; i < 20; i++)
        {
            await RunInstanceAsync(host.Workflows, $"warm-up-{i}", cancellationToken);
        }

        return await MeasureAsync(async worker =>
        {
            long steps = 0;
            for (var n = 0; !Elapsed(); n++)
            {
                await RunInstanceAsync(host.Workflows, $"w{worker}-{n}", cancellationToken);
                steps += StepsPerInstance;
            }

            return steps;
        });
    }

    private static async Task<(double Rate, double Cpu)> CeilingAsync(CancellationToken cancellationToken)
    {
        await using var host = await RunnerBenchHost.StartAsync(Register, inMemory: false);
        var actors = Enumerable.Range(0, ConcurrentInstances).Select(i => ActorId.Create(RunnerCeilingActor.Type, $"c{i}")).ToArray();
        foreach (var actor in actors)
        {
            await host.Runtime.InvokeAsync<object?>(actor, RunnerCeilingActor.TurnMethod, cancellationToken);
        }

        return await MeasureAsync(async worker =>
        {
            long turns = 0;
            while (!Elapsed())
            {
                await host.Runtime.InvokeAsync<object?>(actors[worker], RunnerCeilingActor.TurnMethod, cancellationToken);
                turns++;
            }

            return turns;
        });
    }

    /// <summary>Runs one loop per instance for <see cref="RunTime"/>; answers operations/s and process CPU µs per operation.</summary>
    private static async Task<(double Rate, double Cpu)> MeasureAsync(Func<int, Task<long>> loop)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        _deadline = watch;
        var counts = await Task.WhenAll(Enumerable.Range(0, ConcurrentInstances).Select(worker => Task.Run(() => loop(worker))));
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var total = counts.Sum();
        return (total / elapsed.TotalSeconds, cpu.TotalMicroseconds / total);
    }

    private static bool Elapsed() => _deadline!.Elapsed >= RunTime;

    private static async Task<(double P50, double P99)> LatencyAsync(CancellationToken cancellationToken)
    {
        await using var host = await RunnerBenchHost.StartAsync(Register, inMemory: false);
        await host.Workflows.RegisterDefinitionAsync(Sequence("latency", LatencySteps), cancellationToken);
        var single = WorkflowInstanceId.Create("single");
        await host.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "latency", InstanceId = single }, cancellationToken);
        await host.Workflows.WaitForCompletionAsync(single, cancellationToken);

        // A step's latency: from the turn that recorded the previous completion (and scheduled this step) to the turn
        // that recorded this step's completion; it covers the fsync'd append, dispatch, the agent and the result turn.
        var history = await host.Workflows.GetHistoryAsync(single, cancellationToken);
        var completions = history!.OfType<TaskCompleted>().Select(e => e.Timestamp).ToList();
        var latencies = completions.Zip(completions.Skip(1), (a, b) => (b - a).TotalMicroseconds).Skip(10).Order().ToList();
        return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
    }

    private static async Task RunInstanceAsync(WorkflowService workflows, string id, CancellationToken cancellationToken)
    {
        var instanceId = WorkflowInstanceId.Create(id);
        await workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "bench", InstanceId = instanceId }, cancellationToken);
        var state = await workflows.WaitForCompletionAsync(instanceId, cancellationToken);
        if (state.Status != WorkflowStatus.Completed)
        {
            throw new InvalidOperationException($"Instance {instanceId} ended {state.Status}: {state.Error}");
        }
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    private static void Register(InProcessTaskAgents agents) =>
        agents.Register("noop", (_, _) => ValueTask.FromResult(Output));

    private static WorkflowDefinition Sequence(string id, int steps) => new()
    {
        Id = id,
        Steps = [.. Enumerable.Range(1, steps).Select(i => (WorkflowStep)new AgentTaskStep { Id = $"s{i}", Agent = "noop" })],
    };
}
