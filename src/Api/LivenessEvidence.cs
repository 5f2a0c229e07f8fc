using System.Collections.Concurrent;
using AgentPlatform.Agents.Liveness;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>Counts an accepted request of an agent as a heartbeat that declares nothing, when
/// <see cref="AgentLivenessOptions.RequestsCountAsHeartbeats"/> is on, so clients that only check in now and then stay online.</summary>
/// <remarks>At most one such heartbeat per agent per <see cref="MinSpacing"/> in this process: the presence actor is asked only
/// when the agent's last evidence here is older, so busy agents cost no extra actor turns. Requests answered with a problem
/// (4xx, 5xx) are no evidence: a rejected request changes nothing. Evidence older than <see cref="MinSpacing"/> suppresses
/// nothing, so once the map holds more than <see cref="PruneAbove"/> agents such entries are swept (at most once per spacing):
/// agents that come and go do not grow it without bound.</remarks>
public sealed class LivenessEvidence(IAgentPresence presence, IOptions<AgentLivenessOptions> options, TimeProvider time)
{
    /// <summary>The least time between two heartbeats this process records for one agent from its requests.</summary>
    public static readonly TimeSpan MinSpacing = TimeSpan.FromSeconds(1);

    /// <summary>How many agents' last evidence the map holds before stale entries are swept.</summary>
    public const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);
    private long _lastSweep;

    /// <summary>How many agents' last evidence this process remembers.</summary>
    public int Remembered => _last.Count;

    /// <summary>Records a request of <paramref name="agentId"/> as liveness evidence unless recorded within <see cref="MinSpacing"/>.</summary>
    public async ValueTask RecordAsync(string agentId, CancellationToken cancellationToken)
    {
        if (!options.Value.RequestsCountAsHeartbeats)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (_last.TryGetValue(agentId, out var last) && time.GetElapsedTime(last, now) < MinSpacing)
        {
            return;
        }

        _last[agentId] = now;
        SweepIfLarge(now);
        await presence.HeartbeatAsync(agentId, cancellationToken);
    }

    private void SweepIfLarge(long now)
    {
        var lastSweep = Interlocked.Read(ref _lastSweep);
        if (_last.Count <= PruneAbove || time.GetElapsedTime(lastSweep, now) < MinSpacing
            || Interlocked.CompareExchange(ref _lastSweep, now, lastSweep) != lastSweep)
        {
            return;
        }

        foreach (var (agentId, last) in _last)
        {
            if (time.GetElapsedTime(last, now) >= MinSpacing)
            {
                _last.TryRemove(new KeyValuePair<string, long>(agentId, last));
            }
        }
    }
}
