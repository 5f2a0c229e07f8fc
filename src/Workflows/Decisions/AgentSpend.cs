using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>What one agent's attempts of a run spent on model calls.</summary>
/// <param name="AgentId">The agent; empty for attempts recorded without one.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="Cost">What the calls cost.</param>
/// <param name="Tasks">Attempts that reported usage.</param>
public sealed record AgentSpend(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("tasks")] int Tasks);
