using AgentPlatform.Bench.Runtime;

namespace AgentPlatform.Bench.Agents;

/// <summary>Heartbeats through <c>IAgentPresence</c>: one presence-actor turn and one small state write each.</summary>
public sealed class AgentsHeartbeatBench : BenchSuite
{
    public override string Name => "agents-heartbeats";

    public override string Description => "heartbeats/s via IAgentPresence over 10,000 agents, in-memory and SQLite state";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shape = $"{AgentsBench.HeartbeatAgents:N0} agents, {AgentsBench.HeartbeatWorkers} concurrent";
        Measurement.Report(report, $"heartbeats via IAgentPresence ({shape}, in-memory state)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, () => AgentsBench.HeartbeatsAsync(durable: false)));
        Measurement.Report(report, $"heartbeats via IAgentPresence ({shape}, SQLite FULL group commit)", "ops/s",
            await Measurement.RepeatAsync(report.Runs, () => AgentsBench.HeartbeatsAsync(durable: true)));
    }
}
