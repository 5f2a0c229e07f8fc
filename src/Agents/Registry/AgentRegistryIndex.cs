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
    private static readonly Posting[] NoPostings = [];

    private readonly ConcurrentDictionary<string, Slot> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Posting[]> _byCapability = new(StringComparer.Ordinal);
    private readonly Lock _postings = new();
    private volatile Slot[] _slots = new Slot[64];
    private int _slotCount;

    /// <summary>How many agents the index knows (removed ones excluded).</summary>
    public int Count => _agents.Values.Count(s => s.Entry is not null);

    /// <summary>Applies an entry unless a newer one of the same agent was applied; a <see cref="AgentRegistryEntry.Removed"/> entry
    /// forgets the agent.</summary>
    /// <returns>True when the entry was newer and applied.</returns>
    public bool Apply(AgentRegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var slot = _agents.TryGetValue(entry.AgentId, out var known) ? known : AddSlot(entry.AgentId);
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

    /// <summary>How many known agents are in each status (statuses with none are absent).</summary>
    public IReadOnlyDictionary<AgentStatus, int> CountByStatus()
    {
        var counts = new Dictionary<AgentStatus, int>();
        foreach (var slot in _agents.Values)
        {
            if (slot.Entry is { } entry)
            {
                counts[entry.Status] = counts.GetValueOrDefault(entry.Status) + 1;
            }
        }

        return counts;
    }

    /// <summary>The entry of <paramref name="agentId"/>, or null when the index does not know it.</summary>
    public AgentRegistryEntry? Find(string agentId) => _agents.TryGetValue(agentId, out var slot) ? slot.Entry : null;

    /// <summary>Ranks the agents for <paramref name="request"/>.</summary>
    /// <remarks>Only agents declaring at least one requested capability are considered; those outside the request's candidate set
    /// or without its role are excluded for that. Candidates are <see cref="AgentStatus.Idle"/>
    /// or <see cref="AgentStatus.Working"/> with a score above zero and at least <see cref="CapabilityRequest.MinConfidence"/>,
    /// ranked by score, then success rate (higher first), then latency average (lower first, none last), then load (lower first),
    /// then agent id (ordinal), so equal inputs always give the same order. Every other agent considered is excluded with a reason.</remarks>
    /// <param name="request">The capability request.</param>
    /// <param name="limit">How many candidates and how many exclusions to return (each at least 1).</param>
    public AgentMatch Match(CapabilityRequest request, int limit)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Agents added after this read are skipped: they arrived while the match runs.
        var slots = _slots;
        var scratch = MatchScratch.For(slots.Length);
        foreach (var (capability, weight) in request.Weights)
        {
            foreach (var posting in _byCapability.GetValueOrDefault(capability, NoPostings))
            {
                if (posting.Slot.Index < slots.Length)
                {
                    scratch.Add(posting.Slot.Index, weight * posting.Proficiency);
                }
            }
        }

        // Most agents a match touches are candidates; exclusions are the exception, and a match without any allocates none.
        var candidates = new TopList<Scored>(limit, scratch.Touched.Count, CompareCandidates);
        var excluded = new TopList<Scored>(limit, 0, CompareExclusions);
        foreach (var slotIndex in scratch.Touched)
        {
            if (slots[slotIndex]?.Entry is not { } entry)
            {
                continue;
            }

            var scored = new Scored(entry, scratch.Sum(slotIndex) / request.TotalWeight);
            if (Excluded(entry, scored.Score, request) is null)
            {
                candidates.Offer(scored);
            }
            else
            {
                excluded.Offer(scored);
            }
        }

        return new AgentMatch(
            [.. candidates.Kept.Select(c => new AgentCandidate(c.Entry.AgentId, c.Score, c.Entry.Status, c.Entry.Load, c.Entry.MaxConcurrentTasks, c.Entry.TrackRecord, c.Entry.Role))],
            candidates.Offered,
            [.. excluded.Kept.Select(e => new AgentExclusion(e.Entry.AgentId, e.Score, e.Entry.Status, Excluded(e.Entry, e.Score, request)!.Value, e.Entry.Role))],
            excluded.Offered);
    }

    private static ExclusionReason? Excluded(AgentRegistryEntry entry, double score, CapabilityRequest request) => entry.Status switch
    {
        _ when !request.InCandidateSet(entry.AgentId) => ExclusionReason.NotInCandidateSet,
        _ when !request.AllowsRole(entry.Role) => ExclusionReason.OtherRole,
        AgentStatus.Offline => ExclusionReason.Offline,
        AgentStatus.Busy => ExclusionReason.Busy,
        AgentStatus.Waiting => ExclusionReason.Waiting,
        AgentStatus.Error => ExclusionReason.Error,
        _ when score <= 0 || score < request.MinConfidence => ExclusionReason.BelowMinConfidence,
        _ => null,
    };

    private static int CompareCandidates(Scored a, Scored b)
    {
        var order = b.Score.CompareTo(a.Score);
        if (order != 0)
        {
            return order;
        }

        var (x, y) = (a.Entry.TrackRecord, b.Entry.TrackRecord);
        order = y.SuccessRate.CompareTo(x.SuccessRate);
        if (order != 0)
        {
            return order;
        }

        order = (x.LatencyEwmaMs ?? double.PositiveInfinity).CompareTo(y.LatencyEwmaMs ?? double.PositiveInfinity);
        if (order != 0)
        {
            return order;
        }

        order = a.Entry.Load.CompareTo(b.Entry.Load);
        return order != 0 ? order : string.CompareOrdinal(a.Entry.AgentId, b.Entry.AgentId);
    }

    private static int CompareExclusions(Scored a, Scored b)
    {
        var order = b.Score.CompareTo(a.Score);
        return order != 0 ? order : string.CompareOrdinal(a.Entry.AgentId, b.Entry.AgentId);
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

        foreach (var (name, proficiency) in a)
        {
            if (!b.TryGetValue(name, out var other) || other != proficiency)
            {
                return false;
            }
        }

        return true;
    }

    private Slot AddSlot(string agentId)
    {
        lock (_postings)
        {
            if (_agents.TryGetValue(agentId, out var known))
            {
                return known;
            }

            var slot = new Slot(agentId, _slotCount);
            var slots = _slots;
            if (slot.Index == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
            }

            slots[slot.Index] = slot;
            _slots = slots;
            _slotCount = slot.Index + 1;
            _agents[agentId] = slot;
            return slot;
        }
    }

    /// <summary>Replaces the agent's postings: it leaves the lists of capabilities it no longer declares, and in the others its
    /// posting is replaced or added in one array swap, so a concurrent match never misses it from a capability it keeps.</summary>
    private void RewritePostings(Slot slot, IReadOnlyDictionary<string, double>? before, IReadOnlyDictionary<string, double>? after)
    {
        lock (_postings)
        {
            foreach (var name in before?.Keys ?? [])
            {
                if (after is not null && after.ContainsKey(name))
                {
                    continue;
                }

                var remaining = _byCapability.GetValueOrDefault(name, NoPostings).Where(p => p.Slot != slot).ToArray();
                if (remaining.Length == 0)
                {
                    _byCapability.TryRemove(name, out _);
                }
                else
                {
                    _byCapability[name] = remaining;
                }
            }

            foreach (var (name, proficiency) in after ?? new Dictionary<string, double>())
            {
                var posting = new Posting(slot, proficiency);
                var current = _byCapability.GetValueOrDefault(name, NoPostings);
                var at = Array.FindIndex(current, p => p.Slot == slot);
                if (at < 0)
                {
                    _byCapability[name] = [.. current, posting];
                }
                else
                {
                    var replaced = (Posting[])current.Clone();
                    replaced[at] = posting;
                    _byCapability[name] = replaced;
                }
            }
        }
    }

    private readonly record struct Posting(Slot Slot, double Proficiency);

    private readonly record struct Scored(AgentRegistryEntry Entry, double Score);

    private sealed class Slot(string agentId, int index)
    {
        private AgentRegistryEntry? _entry;

        public string AgentId { get; } = agentId;

        /// <summary>The slot's position in the dense slot array, for per-match score sums.</summary>
        public int Index { get; } = index;

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
