using System.Collections.Concurrent;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Agents.Registry;

/// <summary>The in-memory index one process matches against: the latest <see cref="AgentRegistryEntry"/> of every agent and, per
/// capability, the agents declaring it.</summary>
/// <remarks>
/// <para>Thread-safe. <see cref="Apply"/> keeps, per agent, the entry with the highest version, so entries arriving out of order or
/// twice change nothing; a removal is remembered (as a version) so that an older entry arriving late does not bring the agent
/// back. A status or load change only swaps the agent's entry; only a change of capabilities rewrites the per-capability lists
/// (copy on write, under one lock).</para>
/// <para><see cref="Match"/> reads each agent's entry once, so its score, status and rank come from one consistent entry; it sees
/// every change applied before it started, and some applied while it runs.</para>
/// </remarks>
public sealed class AgentRegistryIndex : IAgentRegistryObserver
{
    private static readonly Slot[] NoSlots = [];

    private readonly ConcurrentDictionary<string, Slot> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Slot[]> _byCapability = new(StringComparer.Ordinal);
    private readonly Lock _postings = new();

    /// <summary>How many agents the index knows (removed ones excluded).</summary>
    public int Count => _agents.Values.Count(s => s.Entry is not null);

    /// <summary>Applies an entry unless a newer one of the same agent was applied; a <see cref="AgentRegistryEntry.Removed"/> entry
    /// forgets the agent.</summary>
    /// <returns>True when the entry was newer and applied.</returns>
    public bool Apply(AgentRegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var slot = _agents.GetOrAdd(entry.AgentId, static id => new Slot(id));
        lock (slot)
        {
            if (entry.Version <= slot.Version)
            {
                return false;
            }

            var previous = slot.Entry;
            var next = entry.Removed ? null : entry;
            if (!SameCapabilities(previous?.Capabilities, next?.Capabilities))
            {
                RewritePostings(slot, previous?.Capabilities, next?.Capabilities);
            }

            slot.Version = entry.Version;
            slot.Entry = next;
            return true;
        }
    }

    /// <inheritdoc/>
    void IAgentRegistryObserver.Observe(AgentRegistryEntry entry) => Apply(entry);

    /// <summary>The entry of <paramref name="agentId"/>, or null when the index does not know it.</summary>
    public AgentRegistryEntry? Find(string agentId) => _agents.TryGetValue(agentId, out var slot) ? slot.Entry : null;

    /// <summary>Ranks the agents for <paramref name="request"/>.</summary>
    /// <remarks>Only agents declaring at least one requested capability are considered. Candidates are <see cref="AgentStatus.Idle"/>
    /// or <see cref="AgentStatus.Working"/> with a score above zero and at least <see cref="CapabilityRequest.MinConfidence"/>,
    /// ranked by score, then success rate (higher first), then latency average (lower first, none last), then load (lower first),
    /// then agent id (ordinal), so equal inputs always give the same order. Every other agent considered is excluded with a reason.</remarks>
    /// <param name="request">The capability request.</param>
    /// <param name="limit">How many candidates and how many exclusions to return (each at least 1).</param>
    public AgentMatch Match(CapabilityRequest request, int limit)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var seen = new HashSet<Slot>(ReferenceEqualityComparer.Instance);
        var candidates = new List<AgentCandidate>();
        var excluded = new List<AgentExclusion>();
        foreach (var (capability, _) in request.Weights)
        {
            foreach (var slot in _byCapability.GetValueOrDefault(capability, NoSlots))
            {
                if (!seen.Add(slot) || slot.Entry is not { } entry)
                {
                    continue;
                }

                var score = request.Score(entry.Capabilities);
                if (Excluded(entry.Status, score, request.MinConfidence) is { } reason)
                {
                    excluded.Add(new AgentExclusion(entry.AgentId, score, entry.Status, reason));
                }
                else
                {
                    candidates.Add(new AgentCandidate(entry.AgentId, score, entry.Status, entry.Load, entry.MaxConcurrentTasks, entry.TrackRecord));
                }
            }
        }

        return new AgentMatch(Top(candidates, CompareCandidates, limit), candidates.Count, Top(excluded, CompareExclusions, limit), excluded.Count);
    }

    private static ExclusionReason? Excluded(AgentStatus status, double score, double minConfidence) => status switch
    {
        AgentStatus.Offline => ExclusionReason.Offline,
        AgentStatus.Busy => ExclusionReason.Busy,
        AgentStatus.Waiting => ExclusionReason.Waiting,
        AgentStatus.Error => ExclusionReason.Error,
        _ when score <= 0 || score < minConfidence => ExclusionReason.BelowMinConfidence,
        _ => null,
    };

    private static List<T> Top<T>(List<T> items, Comparison<T> comparison, int limit)
    {
        items.Sort(comparison);
        return items.Count > limit ? items.GetRange(0, limit) : items;
    }

    private static int CompareCandidates(AgentCandidate a, AgentCandidate b)
    {
        var order = b.Score.CompareTo(a.Score);
        if (order != 0)
        {
            return order;
        }

        order = b.TrackRecord.SuccessRate.CompareTo(a.TrackRecord.SuccessRate);
        if (order != 0)
        {
            return order;
        }

        order = (a.TrackRecord.LatencyEwmaMs ?? double.PositiveInfinity).CompareTo(b.TrackRecord.LatencyEwmaMs ?? double.PositiveInfinity);
        if (order != 0)
        {
            return order;
        }

        order = a.Load.CompareTo(b.Load);
        return order != 0 ? order : string.CompareOrdinal(a.AgentId, b.AgentId);
    }

    private static int CompareExclusions(AgentExclusion a, AgentExclusion b)
    {
        var order = b.Score.CompareTo(a.Score);
        return order != 0 ? order : string.CompareOrdinal(a.AgentId, b.AgentId);
    }

    private static bool SameCapabilities(IReadOnlyDictionary<string, double>? a, IReadOnlyDictionary<string, double>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (var name in a.Keys)
        {
            if (!b.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }

    private void RewritePostings(Slot slot, IReadOnlyDictionary<string, double>? before, IReadOnlyDictionary<string, double>? after)
    {
        lock (_postings)
        {
            foreach (var name in before?.Keys ?? [])
            {
                if (after is null || !after.ContainsKey(name))
                {
                    var remaining = _byCapability.GetValueOrDefault(name, NoSlots).Where(s => s != slot).ToArray();
                    if (remaining.Length == 0)
                    {
                        _byCapability.TryRemove(name, out _);
                    }
                    else
                    {
                        _byCapability[name] = remaining;
                    }
                }
            }

            foreach (var name in after?.Keys ?? [])
            {
                if (before is null || !before.ContainsKey(name))
                {
                    _byCapability[name] = [.. _byCapability.GetValueOrDefault(name, NoSlots), slot];
                }
            }
        }
    }

    private sealed class Slot(string agentId)
    {
        private AgentRegistryEntry? _entry;

        public string AgentId { get; } = agentId;

        /// <summary>The version of the last applied entry or removal; written under the slot's lock.</summary>
        public long Version { get; set; }

        /// <summary>The current entry, null once removed; read without a lock by matching.</summary>
        public AgentRegistryEntry? Entry
        {
            get => Volatile.Read(ref _entry);
            set => Volatile.Write(ref _entry, value);
        }
    }
}
