using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Context chunking of an <c>agent_task</c> step (map-reduce): a text longer than <see cref="MaxTokens"/> is split by tokens
/// with <see cref="OverlapTokens"/> of overlap, each chunk is sent with the step's input, and the partial results are combined by
/// <see cref="ReducePrompt"/>.</summary>
/// <remarks>The step's agent receives it inside its task input (see <see cref="ComposeInput"/>); LLM agents run the map and reduce
/// calls themselves, under the governor and the run's budget.</remarks>
public sealed record TaskChunking
{
    /// <summary>The text to split: any JSON whose strings may contain <c>${...}</c> references (a string is split as is, anything
    /// else as its JSON text).</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The most tokens of text one call carries; a text within it makes exactly one call.</summary>
    [JsonPropertyName("max_tokens")]
    public int MaxTokens { get; init; }

    /// <summary>The tokens each chunk repeats from the end of the one before; less than <see cref="MaxTokens"/>; zero when absent.</summary>
    [JsonPropertyName("overlap_tokens")]
    public int OverlapTokens { get; init; }

    /// <summary>The instruction that combines the partial results (sent before them); may contain <c>${...}</c> references.</summary>
    [JsonPropertyName("reduce_prompt")]
    public string? ReducePrompt { get; init; }

    /// <summary>The task input a chunked step hands to its agent: <c>{"prompt": &lt;the step input&gt;, "chunking": {"text": …,
    /// "max_tokens": …, "overlap_tokens": …, "reduce_prompt": …}}</c>, whose references resolve when the task is scheduled.</summary>
    public static JsonElement ComposeInput(JsonElement? stepInput, TaskChunking chunking)
    {
        ArgumentNullException.ThrowIfNull(chunking);
        var composed = new JsonObject
        {
            ["prompt"] = stepInput is { } input ? JsonNode.Parse(input.GetRawText()) : null,
            ["chunking"] = new JsonObject
            {
                ["text"] = chunking.Input is { } text ? JsonNode.Parse(text.GetRawText()) : null,
                ["max_tokens"] = chunking.MaxTokens,
                ["overlap_tokens"] = chunking.OverlapTokens,
                ["reduce_prompt"] = chunking.ReducePrompt,
            },
        };
        return JsonSerializer.SerializeToElement(composed);
    }
}
