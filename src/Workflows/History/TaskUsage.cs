using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>What a task attempt spent on model calls, recorded with its outcome so a run's spend is durable: budgets read it back
/// after a crash or on another replica.</summary>
/// <param name="InputTokens">Prompt tokens of every call the attempt made.</param>
/// <param name="OutputTokens">Completion tokens of every call the attempt made.</param>
/// <param name="Cost">What the calls cost by the configured prices.</param>
/// <param name="Estimated">True when some counts were estimated because a provider reported no usage.</param>
/// <param name="ToolCalls">The tools the model called, in order, by name; absent when none.</param>
/// <param name="ToolCallDetails">The same calls with their argument size, duration and outcome; absent when none.</param>
public sealed record TaskUsage(
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("estimated")] bool Estimated,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<string>? ToolCalls = null,
    [property: JsonPropertyName("tool_call_details")] IReadOnlyList<TaskToolCall>? ToolCallDetails = null);
