namespace AgentPlatform.Bench.Runtime;

/// <summary>Durable actor turns: each turn writes state, committed with fsync through group commit.</summary>
public sealed class RuntimeDurableBench : BenchSuite
{
    public override string Name => "runtime-durable";

    public override string Description => "embedded actors: durable state turns/s over SQLite FULL with group commit (target >= 50,000)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Measurement.Report(
            report, "durable actor turns (SQLite FULL, group commit, 1,000 actors)", "turns/s", await Measurement.RepeatAsync(report.Runs, RuntimeBench.DurableTurnsAsync));
    }
}
