using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Agents.Registry;

/// <summary>What a piece of work needs: capability weights and the least match score an agent must reach, optionally limited to one
/// team role and to a candidate set of agents.</summary>
/// <remarks>An agent's score is the weighted share of the request it meets: <c>Σ weight × proficiency / Σ weight</c>, in [0, 1].
/// The weights are kept sorted by capability name, so equal requests sum in the same order and score identically.</remarks>
public sealed class CapabilityRequest
{
    /// <summary>The most capabilities one request may name.</summary>
    public const int MaxCapabilities = AgentProfileRules.MaxCapabilities;

    /// <summary>The largest weight of one capability.</summary>
    public const double MaxWeight = 1000;

    /// <summary>The most agents a candidate set may list.</summary>
    public const int MaxCandidates = 1000;

    private CapabilityRequest(KeyValuePair<string, double>[] weights, double minConfidence, AgentRole? role, HashSet<string>? candidates)
    {
        Weights = weights;
        MinConfidence = minConfidence;
        Role = role;
        Candidates = candidates;
        foreach (var (_, weight) in weights)
        {
            TotalWeight += weight;
        }
    }

    /// <summary>Capability name → weight, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Weights { get; }

    /// <summary>The sum of the weights.</summary>
    public double TotalWeight { get; }

    /// <summary>Agents scoring below this are not candidates.</summary>
    public double MinConfidence { get; }

    /// <summary>When set, only agents with this team role are candidates.</summary>
    public AgentRole? Role { get; }

    /// <summary>When set, the candidate set: only these agents may be candidates, whatever their score.</summary>
    public IReadOnlySet<string>? Candidates { get; }

    /// <summary>True when <paramref name="agentId"/> is in the candidate set, or the request has none.</summary>
    public bool InCandidateSet(string agentId) => Candidates is null || Candidates.Contains(agentId);

    /// <summary>True when an agent with <paramref name="role"/> may be a candidate: the request names no role, or that one.</summary>
    public bool AllowsRole(AgentRole? role) => Role is null || role == Role;

    /// <summary>Creates a request.</summary>
    /// <param name="weights">1 to <see cref="MaxCapabilities"/> capability names (see <see cref="AgentProfileRules.IsCapabilityName"/>)
    /// with weights greater than 0 and at most <see cref="MaxWeight"/>.</param>
    /// <param name="minConfidence">The least score of a candidate, in [0, 1].</param>
    /// <param name="role">When set, only agents with this team role are candidates.</param>
    /// <param name="candidates">When set, 1 to <see cref="MaxCandidates"/> agent ids: only these agents are candidates.</param>
    /// <exception cref="ArgumentException">A name, weight, <paramref name="minConfidence"/> or the size of <paramref name="candidates"/>
    /// is out of bounds.</exception>
    public static CapabilityRequest Create(
        IReadOnlyDictionary<string, double> weights, double minConfidence, AgentRole? role = null, IReadOnlyCollection<string>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count is 0 or > MaxCapabilities)
        {
            throw new ArgumentException($"A request names 1-{MaxCapabilities} capabilities.", nameof(weights));
        }

        foreach (var (name, weight) in weights)
        {
            if (!AgentProfileRules.IsCapabilityName(name))
            {
                throw new ArgumentException($"'{name}' is not a capability name.", nameof(weights));
            }

            if (!double.IsFinite(weight) || weight <= 0 || weight > MaxWeight)
            {
                throw new ArgumentException($"The weight of '{name}' must be greater than 0 and at most {MaxWeight}.", nameof(weights));
            }
        }

        if (!double.IsFinite(minConfidence) || minConfidence is < 0 or > 1)
        {
            throw new ArgumentException("min_confidence must be between 0 and 1.", nameof(minConfidence));
        }

        if (candidates is { Count: 0 or > MaxCandidates })
        {
            throw new ArgumentException($"A candidate set (agents) lists 1-{MaxCandidates} agents; this one lists {candidates.Count}.", nameof(candidates));
        }

        var sorted = weights.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new CapabilityRequest(sorted, minConfidence, role, candidates?.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The score of an agent with <paramref name="capabilities"/>: the weighted share of this request it meets.</summary>
    public double Score(IReadOnlyDictionary<string, double> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var met = 0.0;
        foreach (var (name, weight) in Weights)
        {
            if (capabilities.TryGetValue(name, out var proficiency))
            {
                met += weight * proficiency;
            }
        }

        return met / TotalWeight;
    }
}
