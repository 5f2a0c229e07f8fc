using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>The spend limits of one team run; null is unlimited.</summary>
/// <param name="MaxTokens">LLM tokens, prompt and completion together.</param>
/// <param name="MaxCostUsd">LLM cost in US dollars.</param>
public sealed record TeamBudgets(
    [property: JsonPropertyName("max_tokens")] long? MaxTokens = null,
    [property: JsonPropertyName("max_cost_usd")] double? MaxCostUsd = null);
