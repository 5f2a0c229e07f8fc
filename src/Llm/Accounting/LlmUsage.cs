using System.Text.Json.Serialization;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Llm.Accounting;

/// <summary>The tokens one LLM call used and what they cost.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="Estimated">True when the provider reported no usage and the counts were estimated with a tokenizer.</param>
/// <param name="Cost">The cost by the model's configured price (zero without one).</param>
public sealed record LlmUsage(
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("estimated")] bool Estimated,
    [property: JsonPropertyName("cost")] decimal Cost)
{
    /// <summary>Input and output tokens.</summary>
    [JsonIgnore]
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>No tokens, no cost.</summary>
    public static LlmUsage None { get; } = new(0, 0, false, 0);

    /// <summary>This usage as a task outcome reports it.</summary>
    public AgentTaskUsage ToTaskUsage() => new(InputTokens, OutputTokens, Cost, Estimated);

    /// <summary>This usage and <paramref name="other"/> together (estimated when either is).</summary>
    public LlmUsage Plus(LlmUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Estimated || other.Estimated, Cost + other.Cost);
    }
}
