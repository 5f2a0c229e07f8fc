using System.Collections.Concurrent;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>How many task runs each in-process agent holds in this process, counted the moment dispatch picks the agent.</summary>
/// <remarks>The registry learns an agent's load only after the assignment is durable and its presence actor has published it, so
/// task actors matching at the same moment would all pick the same best-ranked agent; this count closes that gap for agents whose
/// every run lives in this process.</remarks>
internal sealed class InProcessAgentLoad
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    /// <summary>Counts one more run of <paramref name="agentId"/> if it holds fewer than <paramref name="limit"/>.</summary>
    public bool TryAdd(string agentId, int limit)
    {
        while (true)
        {
            var current = _runs.GetValueOrDefault(agentId);
            if (current >= limit)
            {
                return false;
            }

            if (current == 0 ? _runs.TryAdd(agentId, 1) : _runs.TryUpdate(agentId, current + 1, current))
            {
                return true;
            }
        }
    }

    /// <summary>Counts one more run of <paramref name="agentId"/> whatever it holds (an explicit agent, a run resumed).</summary>
    public void Add(string agentId) => _runs.AddOrUpdate(agentId, 1, (_, current) => current + 1);

    /// <summary>Counts one run of <paramref name="agentId"/> fewer.</summary>
    public void Remove(string agentId)
    {
        while (_runs.TryGetValue(agentId, out var current))
        {
            if (current <= 1 ? _runs.TryRemove(new KeyValuePair<string, int>(agentId, current)) : _runs.TryUpdate(agentId, current - 1, current))
            {
                return;
            }
        }
    }
}
