namespace AgentPlatform.Bench.Runtime;

/// <summary>The managed heap taken by resident activated actors.</summary>
public sealed class RuntimeMemoryBench : BenchSuite
{
    public override string Name => "runtime-memory";

    public override string Description => "embedded actors: managed heap of 100,000 activated actors (target <= 1 GiB)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var heap = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            heap.Add(await RuntimeBench.ResidentActorsAsync());
        }

        report.Row("managed heap of 100,000 activated actors", "MiB", [.. heap.Select(b => b / (1024 * 1024))]);
        report.Row("managed heap per activated actor", "bytes", [.. heap.Select(b => b / 100_000)]);
    }
}
