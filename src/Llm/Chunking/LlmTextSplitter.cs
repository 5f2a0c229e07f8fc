using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Chunking;

/// <summary>Splits a text into chunks of at most a number of tokens, each repeating the last tokens of the one before, counted with
/// the tokenizer budgets use (<see cref="LlmTokenEstimator"/>).</summary>
public sealed class LlmTextSplitter(LlmTokenEstimator tokens)
{
    // The tokenizer is given a window of the remaining text, not all of it, so splitting a long text stays linear; no token of
    // cl100k_base is this many characters long, so a window holds at least the chunk's tokens.
    private const int WindowCharactersPerToken = 32;

    /// <summary>The chunks of <paramref name="text"/>: one chunk (the text itself) when it fits in <paramref name="maxTokens"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokens">The most tokens of a chunk; at least 1.</param>
    /// <param name="overlapTokens">The tokens a chunk repeats from the end of the one before; less than <paramref name="maxTokens"/>.</param>
    public IReadOnlyList<string> Split(string text, int maxTokens, int overlapTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapTokens, maxTokens);
        var chunks = new List<string>();
        var start = 0;
        while (true)
        {
            var window = WindowEnd(text, start, (long)maxTokens * WindowCharactersPerToken) - start;
            var length = tokens.IndexByTokenCount(text.AsSpan(start, window), maxTokens);
            length = length > 0 ? length : WholeCharacter(text, start);
            chunks.Add(text.Substring(start, length));
            if (start + length >= text.Length)
            {
                return chunks;
            }

            var overlapStart = overlapTokens == 0 ? length : tokens.IndexByTokenCountFromEnd(text.AsSpan(start, length), overlapTokens);
            start += overlapStart > 0 ? overlapStart : length;
        }
    }

    private static int WindowEnd(string text, int start, long characters)
    {
        if (text.Length - start <= characters)
        {
            return text.Length;
        }

        var end = start + (int)characters;
        return char.IsLowSurrogate(text[end]) ? end - 1 : end;
    }

    private static int WholeCharacter(string text, int start) =>
        char.IsHighSurrogate(text[start]) && start + 1 < text.Length && char.IsLowSurrogate(text[start + 1]) ? 2 : 1;
}
