using AgentPlatform.Bench.Runtime;

namespace AgentPlatform.Bench.Agents;

/// <summary>Published agent messages fanned out to every subscribed agent type.</summary>
public sealed class AgentsFanOutBench : BenchSuite
{
    public override string Name => "agents-fanout";

    public override string Description => "publish fan-out: deliveries/s of PublishMessageAsync to 4 subscribed agent types";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Measurement.Report(
            report,
            $"publish fan-out ({AgentsBench.FanOutEvents:N0} events x {AgentsBench.FanOutTypes} subscribed agent types, until all handled)",
            "deliveries/s",
            await Measurement.RepeatAsync(report.Runs, AgentsBench.FanOutAsync));
    }
}
