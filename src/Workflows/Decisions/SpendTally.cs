using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Sums the usage recorded with task outcomes while a history is folded; whether the outcome was still awaited does not
/// matter, since the calls were made either way.</summary>
internal sealed class SpendTally
{
    private readonly SortedDictionary<string, AgentSpend> _byAgent = new(StringComparer.Ordinal);
    private bool _estimated;
    private int _toolCalls;

    public void Add(string? agentId, TaskUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        var key = agentId ?? "";
        var spent = _byAgent.GetValueOrDefault(key) ?? new AgentSpend(key, 0, 0, 0, 0);
        _byAgent[key] = new AgentSpend(
            key, spent.InputTokens + usage.InputTokens, spent.OutputTokens + usage.OutputTokens, spent.Cost + usage.Cost, spent.Tasks + 1);
        _estimated |= usage.Estimated;
        _toolCalls += usage.ToolCalls?.Count ?? 0;
    }

    /// <summary>The run's spend, or null when no outcome reported usage.</summary>
    public RunSpend? ToSpend() => _byAgent.Count == 0
        ? null
        : new RunSpend
        {
            InputTokens = _byAgent.Values.Sum(a => a.InputTokens),
            OutputTokens = _byAgent.Values.Sum(a => a.OutputTokens),
            Cost = _byAgent.Values.Sum(a => a.Cost),
            Estimated = _estimated,
            Tasks = _byAgent.Values.Sum(a => a.Tasks),
            ToolCalls = _toolCalls,
            ByAgent = [.. _byAgent.Values],
        };
}
