namespace AgentPlatform.Agents.Registry;

/// <summary>Finds the agents best placed to take a piece of work, by capability, status, track record and load.</summary>
/// <remarks>Matching runs in process against an <see cref="AgentRegistryIndex"/> kept fresh by the
/// <see cref="Liveness.AgentRegistryEntry"/> events of the agents' presence actors, which hold the registry data and load counters;
/// the first call loads the index from those actors. A change made through this process (a declaration, a heartbeat, a task start or
/// finish) is in the index before it is answered (see <see cref="Liveness.IAgentRegistryObserver"/>), so the next match sees it;
/// changes made elsewhere, and offline checks, arrive by event.</remarks>
public interface IAgentRegistry
{
    /// <summary>Ranks the registered agents for <paramref name="request"/>; see <see cref="AgentRegistryIndex.Match"/>.</summary>
    /// <param name="request">The capability request.</param>
    /// <param name="limit">How many candidates and exclusions to return, each at least 1.</param>
    /// <param name="cancellationToken">Cancels loading the index.</param>
    ValueTask<AgentMatch> MatchAsync(CapabilityRequest request, int limit, CancellationToken cancellationToken = default);

    /// <summary>The registry entry of <paramref name="agentId"/> as this process's index holds it, or null when no such agent is
    /// registered.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="cancellationToken">Cancels loading the index.</param>
    ValueTask<Liveness.AgentRegistryEntry?> FindAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>How many registered agents are in each status, read from the index (no actor calls once it is loaded).</summary>
    /// <param name="cancellationToken">Cancels loading the index.</param>
    ValueTask<IReadOnlyDictionary<Liveness.AgentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default);
}
