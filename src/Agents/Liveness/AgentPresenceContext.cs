using System.Collections.Frozen;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What every presence actor shares: the options, where to publish status changes, and the in-process agent types.</summary>
internal sealed class AgentPresenceContext
{
    public AgentPresenceContext(
        IOptions<AgentLivenessOptions> options,
        IPubSub pubSub,
        IEnumerable<AgentTypeRegistration> agentTypes,
        ILogger<AgentPresenceContext>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        PubSub = pubSub;
        InProcessAgentTypes = agentTypes.Select(t => t.Type).ToFrozenSet(StringComparer.Ordinal);
        Logger = logger ?? NullLogger<AgentPresenceContext>.Instance;
        OfflineAfter = Options.HeartbeatInterval * Options.MissedHeartbeatsBeforeOffline;
    }

    public AgentLivenessOptions Options { get; }

    public TimeSpan OfflineAfter { get; }

    public IPubSub PubSub { get; }

    /// <summary>Agent types hosted in this process by the programming model; their agents are always alive.</summary>
    public FrozenSet<string> InProcessAgentTypes { get; }

    public ILogger Logger { get; }

    public bool IsInProcess(string agentId) =>
        AgentId.TryParse(agentId, out var id) && InProcessAgentTypes.Contains(id.Type);
}
