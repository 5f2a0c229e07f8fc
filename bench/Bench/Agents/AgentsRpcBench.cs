using AgentPlatform.Bench.Runtime;

namespace AgentPlatform.Bench.Agents;

/// <summary>Agent RPC through <c>IAgentRuntime.SendMessageAsync</c> against the bare actor call it rides on.</summary>
public sealed class AgentsRpcBench : BenchSuite
{
    public override string Name => "agents-rpc";

    public override string Description => "agent RPC round trips/s via SendMessageAsync, next to the bare actor RPC ceiling";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var callers = AgentsBench.Callers;
        Measurement.Report(report, $"ceiling: bare actor RPC ({callers} callers, one actor each)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, () => AgentsBench.BareRpcAsync(callers)));
        Measurement.Report(report, $"agent RPC via SendMessageAsync ({callers} callers, one agent each)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, AgentsBench.AgentRpcAsync));
        Measurement.Report(report, "ceiling: bare actor RPC (1 caller, sequential)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, () => AgentsBench.BareRpcAsync(1)));
        Measurement.Report(report, "agent RPC via SendMessageAsync (1 caller, sequential)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, AgentsBench.SequentialRpcAsync));
    }
}
