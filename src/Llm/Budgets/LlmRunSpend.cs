using System.Text.Json.Serialization;

namespace AgentPlatform.Llm.Budgets;

/// <summary>What one workflow run has spent on LLM calls, and what calls in flight may still spend at most.</summary>
/// <param name="Tokens">Tokens used by finished calls.</param>
/// <param name="Cost">Cost of finished calls.</param>
/// <param name="ReservedTokens">The worst-case tokens of calls in flight.</param>
/// <param name="ReservedCost">The worst-case cost of calls in flight.</param>
public sealed record LlmRunSpend(
    [property: JsonPropertyName("tokens")] long Tokens,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("reserved_tokens")] long ReservedTokens,
    [property: JsonPropertyName("reserved_cost")] decimal ReservedCost)
{
    /// <summary>A run that spent nothing.</summary>
    public static LlmRunSpend None { get; } = new(0, 0, 0, 0);
}
