using System.Collections.Concurrent;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>The registry of in-process task agents that <see cref="InProcessTaskDispatcher"/> resolves selectors against.</summary>
/// <remarks>An explicit agent id matches the agent registered under that id. A capability selector scores each agent
/// with the weighted share of the requested capabilities it offers (weight times proficiency, over the total weight),
/// drops agents below the minimum confidence and picks the best score; ties go to the agent registered first. A selector naming a
/// team role resolves only to agents registered with that role, and one with a candidate set (<see cref="AgentSelector.Agents"/>) only
/// to agents in it.</remarks>
public sealed class InProcessTaskAgents
{
    private readonly ConcurrentDictionary<string, Registration> _agents = new(StringComparer.Ordinal);
    private long _order;

    /// <summary>Registers or replaces the agent <paramref name="agentId"/>.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="handler">Runs the tasks.</param>
    /// <param name="capabilities">Capability name to proficiency in [0,1]; none when null.</param>
    /// <param name="role">Its team role, for steps limited to one; none when null.</param>
    public void Register(string agentId, WorkflowTaskHandler handler, IReadOnlyDictionary<string, double>? capabilities = null, string? role = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(handler);
        var offered = new Dictionary<string, double>(capabilities ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        foreach (var (name, proficiency) in offered)
        {
            if (proficiency is < 0 or > 1 || double.IsNaN(proficiency))
            {
                throw new ArgumentOutOfRangeException(nameof(capabilities), $"Capability '{name}' has proficiency {proficiency}; it must be in [0,1].");
            }
        }

        var agent = new InProcessTaskAgent(agentId, offered, handler, role);
        _agents[agentId] = new Registration(agent, Interlocked.Increment(ref _order));
    }

    /// <summary>Removes an agent; unknown ids are ignored.</summary>
    public void Unregister(string agentId) => _agents.TryRemove(agentId, out _);

    /// <summary>The registered agents, in registration order.</summary>
    public IReadOnlyList<InProcessTaskAgent> Agents => [.. _agents.Values.OrderBy(r => r.Order).Select(r => r.Agent)];

    /// <summary>Finds the agent for <paramref name="selector"/>, or null when none matches.</summary>
    public InProcessTaskAgent? Resolve(AgentSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.AgentId is { } agentId)
        {
            return _agents.TryGetValue(agentId, out var registration) && (selector.Role is null || registration.Agent.Role == selector.Role) && InCandidateSet(selector, agentId)
                ? registration.Agent
                : null;
        }

        // An ordered sequence's first element is found in one pass, without sorting: this runs for every dispatched task.
        return Matches(selector).FirstOrDefault();
    }

    /// <summary>Every agent a capability <paramref name="selector"/> matches, best score first (ties in registration order); none for a
    /// selector without capabilities.</summary>
    public IReadOnlyList<InProcessTaskAgent> Ranked(AgentSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return [.. Matches(selector)];
    }

    private IEnumerable<InProcessTaskAgent> Matches(AgentSelector selector)
    {
        if (selector.Capabilities is not { Count: > 0 } wanted || wanted.Values.Sum() is var totalWeight && totalWeight <= 0)
        {
            return [];
        }

        return _agents.Values
            .Select(registration => (registration, score: Score(registration.Agent, wanted, totalWeight)))
            .Where(m => m.score > 0 && m.score >= selector.MinConfidence && (selector.Role is null || m.registration.Agent.Role == selector.Role)
                && InCandidateSet(selector, m.registration.Agent.Id))
            .OrderByDescending(m => m.score)
            .ThenBy(m => m.registration.Order)
            .Select(m => m.registration.Agent);
    }

    private static bool InCandidateSet(AgentSelector selector, string agentId) =>
        selector.Agents is not { } candidates || candidates.Contains(agentId, StringComparer.Ordinal);

    private static double Score(InProcessTaskAgent agent, IReadOnlyDictionary<string, double> wanted, double totalWeight)
    {
        var met = 0d;
        foreach (var (name, weight) in wanted)
        {
            if (agent.Capabilities.TryGetValue(name, out var proficiency))
            {
                met += weight * proficiency;
            }
        }

        return met / totalWeight;
    }

    private sealed record Registration(InProcessTaskAgent Agent, long Order);
}
