namespace AgentPlatform.Bench.Runtime;

/// <summary>One-way posts to actors, counted once every actor handled its share.</summary>
public sealed class RuntimePostsBench : BenchSuite
{
    public override string Name => "runtime-posts";

    public override string Description => "embedded actors: fire-and-forget posts/s (target >= 2,000,000)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Measurement.Report(
            report, "fire-and-forget posts (2,000,000 to 1,000 actors, until all handled)", "ops/s", await Measurement.RepeatAsync(report.Runs, RuntimeBench.PostsAsync));
    }
}
