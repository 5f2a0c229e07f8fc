namespace AgentPlatform.Bench.Runtime;

/// <summary>Actor RPC round trips through the embedded runtime.</summary>
public sealed class RuntimeRpcBench : BenchSuite
{
    public override string Name => "runtime-rpc";

    public override string Description => "embedded actors: RPC round trips/s (target >= 500,000)";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Measurement.Report(
            report, $"actor RPC round trips ({RuntimeBench.Callers} concurrent callers, one actor each)", "ops/s", await Measurement.RepeatAsync(report.Runs, RuntimeBench.RpcAsync));
    }
}
