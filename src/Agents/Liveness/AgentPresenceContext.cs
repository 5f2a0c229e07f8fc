using System.Collections.Frozen;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What every presence actor shares: the options, where to publish status changes, the in-process agent types and the
/// task capabilities some of them declare in code (agent id → capability → proficiency).</summary>
internal sealed class AgentPresenceContext(
    AgentLivenessOptions options,
    IPubSub pubSub,
    IEnumerable<string> inProcessAgentTypes,
    ILogger logger,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? inProcessTaskAgents = null)
{
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, double>> _taskAgents =
        (inProcessTaskAgents ?? new Dictionary<string, IReadOnlyDictionary<string, double>>()).ToFrozenDictionary(StringComparer.Ordinal);

    public AgentLivenessOptions Options { get; } = options;

    /// <summary>How long without a heartbeat turns an agent with heartbeat interval <paramref name="interval"/> offline.</summary>
    public TimeSpan OfflineAfter(TimeSpan interval) => interval * Options.MissedHeartbeatsBeforeOffline;

    /// <summary>When an online agent with heartbeat interval <paramref name="interval"/> and last heartbeat
    /// <paramref name="lastHeartbeat"/> turns offline: a window after its last heartbeat, but never before the restart grace
    /// after <paramref name="runtimeStarted"/>, so that the time the host was down does not count as missed heartbeats.</summary>
    public DateTimeOffset OfflineAt(DateTimeOffset lastHeartbeat, TimeSpan interval, DateTimeOffset runtimeStarted)
    {
        var window = OfflineAfter(interval);
        var missed = lastHeartbeat + window;
        var graceEnd = runtimeStarted + (Options.RestartGrace ?? window);
        return missed > graceEnd ? missed : graceEnd;
    }

    /// <summary>How stale the persisted last heartbeat of an agent with heartbeat interval <paramref name="interval"/> may get: the
    /// host's bound, lowered for an agent whose own interval is shorter so that a restart still cannot turn it offline.</summary>
    public TimeSpan PersistHeartbeatEvery(TimeSpan interval)
    {
        var bound = Options.EffectivePersistHeartbeatEvery;
        var safe = interval * Math.Max(0, Options.MissedHeartbeatsBeforeOffline - 1);
        return bound < safe ? bound : safe;
    }

    public IPubSub PubSub { get; } = pubSub;

    /// <summary>Agent types hosted in this process by the programming model; their agents are always alive.</summary>
    public FrozenSet<string> InProcessAgentTypes { get; } = inProcessAgentTypes.ToFrozenSet(StringComparer.Ordinal);

    public ILogger Logger { get; } = logger;

    public bool IsInProcess(string agentId) =>
        AgentId.TryParse(agentId, out var id) && InProcessAgentTypes.Contains(id.Type);

    /// <summary>The task capabilities the in-process agent <paramref name="agentId"/> declares in code, or null when it declares none.</summary>
    public IReadOnlyDictionary<string, double>? TaskCapabilitiesOf(string agentId) => _taskAgents.GetValueOrDefault(agentId);
}
