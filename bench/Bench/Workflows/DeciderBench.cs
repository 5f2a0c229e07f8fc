using System.Diagnostics;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Bench.Workflows;

/// <summary>Decider cost: full replay of ~10,000-event histories, and the incremental per-event cost a runner pays.</summary>
public sealed class DeciderBench : BenchSuite
{
    public override string Name => "workflow-decider";

    public override string Description => "pure decider: replay of ~10,000-event histories (sequence, fan-out), cost per event";

    public override Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        Measure(report, "sequence 5,000 agent_task", DeciderHistories.Sequence(5_000));
        Measure(report, "fan-out 1,250 branches x 2 tasks with timeouts", DeciderHistories.FanOut(1_250));
        return Task.CompletedTask;
    }

    private static void Measure(BenchReport report, string label, WorkflowDefinition definition)
    {
        var history = DeciderHistories.Record(definition);
        var decider = new WorkflowDecider(definition);
        var check = decider.Decide(history);
        if (check.State.Status != WorkflowStatus.Completed || check.Commands.Count != 0)
        {
            throw new InvalidOperationException($"{label}: the recorded history did not complete ({check.State.Status})");
        }

        report.Note($"{label}: {history.Count:N0} events");
        const int Repeats = 20;
        for (var warmup = 0; warmup < 40; warmup++)
        {
            decider.Decide(history);
        }

        var replayMicros = new List<double>();
        var cpuMicros = new List<double>();
        var nsPerEvent = new List<double>();
        var bytesPerEvent = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            GC.Collect();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Repeats; i++)
            {
                decider.Decide(history);
            }

            watch.Stop();
            cpuMicros.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / Repeats);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            replayMicros.Add(watch.Elapsed.TotalMicroseconds / Repeats);
            nsPerEvent.Add(watch.Elapsed.TotalNanoseconds / Repeats / history.Count);
            bytesPerEvent.Add((double)bytes / Repeats / history.Count);
        }

        report.Row($"{label}: full replay + decide", "µs", replayMicros);
        report.Row($"{label}: full replay + decide, process CPU time", "µs", cpuMicros);
        report.Row($"{label}: replay cost per event", "ns", nsPerEvent);
        report.Row($"{label}: replay allocation per event", "bytes", bytesPerEvent);
        MeasureFoldOnly(report, label, decider, history);
        MeasureIncremental(report, label, decider, history);
    }

    private static void MeasureFoldOnly(BenchReport report, string label, WorkflowDecider decider, List<WorkflowEvent> history)
    {
        var foldMicros = new List<double>();
        var snapshotMicros = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var fold = TimeSpan.Zero;
            var snapshot = TimeSpan.Zero;
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                var execution = decider.CreateExecution();
                execution.ApplyRange(history);
                fold += watch.Elapsed;
                watch.Restart();
                execution.Decide();
                snapshot += watch.Elapsed;
            }

            foldMicros.Add(fold.TotalMicroseconds / 20);
            snapshotMicros.Add(snapshot.TotalMicroseconds / 20);
        }

        report.Row($"{label}: of which fold (Apply every event)", "µs", foldMicros);
        report.Row($"{label}: of which state snapshot + commands", "µs", snapshotMicros);
    }

    private static void MeasureIncremental(BenchReport report, string label, WorkflowDecider decider, List<WorkflowEvent> history)
    {
        var nsPerEvent = new List<double>();
        var bytesPerEvent = new List<double>();
        for (var run = 0; run < report.Runs + 1; run++)
        {
            var execution = decider.CreateExecution();
            GC.Collect();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            foreach (var e in history)
            {
                execution.Apply(e);
                if (e is WorkflowStarted or TaskCompleted or TaskFailed or TimerFired or EventRaised or WorkflowTerminated)
                {
                    execution.GetCommands();
                }
            }

            watch.Stop();
            if (run == 0)
            {
                continue;
            }

            nsPerEvent.Add(watch.Elapsed.TotalNanoseconds / history.Count);
            bytesPerEvent.Add((double)(GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / history.Count);
        }

        report.Row($"{label}: incremental Apply per event, GetCommands per input event", "ns", nsPerEvent);
        report.Row($"{label}: incremental allocation per event", "bytes", bytesPerEvent);
    }
}
