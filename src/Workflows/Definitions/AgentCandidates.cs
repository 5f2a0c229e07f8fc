using System.Globalization;
using System.Text.Json;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The <c>agents</c> option of agent tasks, plan steps and plan tasks: the candidate set, the only agents that may run a
/// task. It is an array of agent ids or, on a step, one <c>${...}</c> reference to such an array resolved when an attempt is
/// scheduled.</summary>
public static class AgentCandidates
{
    /// <summary>The most agents one candidate set may list.</summary>
    public const int MaxAgents = 1000;

    /// <summary>The shape of a literal candidate set, as shown in problems.</summary>
    public const string Rule = "must be a non-empty array of at most 1000 distinct agent ids";

    /// <summary>Every problem of a literal candidate set, each with the field it is about (<c>agents</c> or <c>agents[i]</c>).</summary>
    internal static IEnumerable<(string Field, string Message)> Problems(JsonElement agents)
    {
        if (agents.ValueKind != JsonValueKind.Array || agents.GetArrayLength() is 0 or > MaxAgents)
        {
            yield return ("agents", Rule);
            yield break;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var agent in agents.EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"agents[{index}]");
            var id = agent.ValueKind == JsonValueKind.String ? agent.GetString() : null;
            if (!WorkflowNames.IsValidAgentId(id))
            {
                yield return (field, WorkflowNames.AgentIdRule);
            }
            else if (!seen.TryAdd(id, index))
            {
                yield return (field, string.Create(CultureInfo.InvariantCulture, $"duplicate agent id '{id}' (also agents[{seen[id]}])"));
            }

            index++;
        }
    }

    /// <summary>The agent ids of a literal candidate set; null when <paramref name="agents"/> is absent or a reference.</summary>
    internal static IReadOnlyList<string>? Literal(JsonElement? agents) =>
        agents is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(a => a.GetString()!)] : null;

    /// <summary>The text inside <c>${...}</c> of a candidate set given as a reference; null otherwise.</summary>
    internal static string? ReferenceText(JsonElement? agents) =>
        agents is { ValueKind: JsonValueKind.String } text ? text.GetString()!.Trim()[2..^1] : null;

    /// <summary>The candidate set a reference resolved to: an array's items (a non-string item as its JSON text, which no agent id
    /// equals), one id for a string, and no agent at all for anything else, so a wrong value never widens the set.</summary>
    internal static IReadOnlyList<string> FromResolved(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()).Distinct(StringComparer.Ordinal)],
        { ValueKind: JsonValueKind.String } text => [text.GetString()!],
        _ => [],
    };

    /// <summary>The agents in both sets, in the order of <paramref name="inner"/>; either set may be null (no limit).</summary>
    internal static IReadOnlyList<string>? Narrow(IReadOnlyList<string>? outer, IReadOnlyList<string>? inner)
    {
        if (outer is null || inner is null)
        {
            return inner ?? outer;
        }

        var allowed = outer.ToHashSet(StringComparer.Ordinal);
        return [.. inner.Where(allowed.Contains)];
    }
}
