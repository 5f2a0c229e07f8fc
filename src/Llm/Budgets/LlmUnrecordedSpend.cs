using System.Text.Json.Serialization;

namespace AgentPlatform.Llm.Budgets;

/// <summary>What this process holds for a run that its history does not show yet: finished calls whose task outcome is not recorded,
/// and the worst cases of calls in flight.</summary>
/// <param name="Tokens">Tokens of finished calls not yet recorded.</param>
/// <param name="Cost">Cost of finished calls not yet recorded.</param>
/// <param name="ReservedTokens">The worst-case tokens of calls in flight.</param>
/// <param name="ReservedCost">The worst-case cost of calls in flight.</param>
public sealed record LlmUnrecordedSpend(
    [property: JsonPropertyName("tokens")] long Tokens,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("reserved_tokens")] long ReservedTokens,
    [property: JsonPropertyName("reserved_cost")] decimal ReservedCost)
{
    /// <summary>Nothing held.</summary>
    public static LlmUnrecordedSpend None { get; } = new(0, 0, 0, 0);

    /// <summary>This and <paramref name="other"/> together.</summary>
    public LlmUnrecordedSpend Plus(LlmUnrecordedSpend other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Tokens + other.Tokens, Cost + other.Cost, ReservedTokens + other.ReservedTokens, ReservedCost + other.ReservedCost);
    }
}
