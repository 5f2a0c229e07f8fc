using System.Collections.Frozen;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What every presence actor shares: the options, where to publish status changes, and the in-process agent types.</summary>
internal sealed class AgentPresenceContext(AgentLivenessOptions options, IPubSub pubSub, IEnumerable<string> inProcessAgentTypes, ILogger logger)
{
    public AgentLivenessOptions Options { get; } = options;

    public TimeSpan OfflineAfter { get; } = options.HeartbeatInterval * options.MissedHeartbeatsBeforeOffline;

    public TimeSpan PersistHeartbeatEvery { get; } = options.EffectivePersistHeartbeatEvery;

    public IPubSub PubSub { get; } = pubSub;

    /// <summary>Agent types hosted in this process by the programming model; their agents are always alive.</summary>
    public FrozenSet<string> InProcessAgentTypes { get; } = inProcessAgentTypes.ToFrozenSet(StringComparer.Ordinal);

    public ILogger Logger { get; } = logger;

    public bool IsInProcess(string agentId) =>
        AgentId.TryParse(agentId, out var id) && InProcessAgentTypes.Contains(id.Type);
}
