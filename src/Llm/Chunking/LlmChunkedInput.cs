using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AgentPlatform.Llm.Chunking;

/// <summary>A task input asking for context chunking: <c>{"prompt": …, "chunking": {"text": …, "max_tokens": …, "overlap_tokens": …,
/// "reduce_prompt": …}}</c>, as an <c>agent_task</c> step with a <c>chunking</c> option hands it to its agent.</summary>
/// <param name="Prompt">The instruction sent with every chunk (the step's input; empty when it has none).</param>
/// <param name="Text">The text to split.</param>
/// <param name="MaxTokens">The most tokens of text one call carries.</param>
/// <param name="OverlapTokens">The tokens each chunk repeats from the end of the one before.</param>
/// <param name="ReducePrompt">The instruction that combines the partial results.</param>
public sealed record LlmChunkedInput(string Prompt, string Text, int MaxTokens, int OverlapTokens, string ReducePrompt)
{
    /// <summary>Reads <paramref name="input"/> as a chunked task input; false for any other input, which is sent in one call.</summary>
    public static bool TryRead(JsonElement? input, [NotNullWhen(true)] out LlmChunkedInput? chunked)
    {
        chunked = null;
        if (input is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("chunking", out var chunking) || chunking.ValueKind != JsonValueKind.Object
            || !chunking.TryGetProperty("max_tokens", out var max) || !max.TryGetInt32(out var maxTokens) || maxTokens < 1
            || !chunking.TryGetProperty("reduce_prompt", out var reduce) || reduce.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var overlap = chunking.TryGetProperty("overlap_tokens", out var overlapValue) && overlapValue.TryGetInt32(out var overlapTokens)
            ? Math.Clamp(overlapTokens, 0, maxTokens - 1)
            : 0;
        chunked = new LlmChunkedInput(
            TextOf(value.TryGetProperty("prompt", out var prompt) ? prompt : default),
            TextOf(chunking.TryGetProperty("text", out var text) ? text : default),
            maxTokens,
            overlap,
            reduce.GetString()!);
        return true;
    }

    /// <summary>A JSON value as the text a model reads: a string as is, null or absent as empty, anything else as its JSON text.</summary>
    public static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
