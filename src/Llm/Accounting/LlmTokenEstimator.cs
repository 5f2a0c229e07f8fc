using Microsoft.ML.Tokenizers;

namespace AgentPlatform.Llm.Accounting;

/// <summary>Counts tokens with the <c>cl100k_base</c> encoding, for a call's worst case before it is made and for usage a provider
/// did not report (such counts are marked estimated).</summary>
/// <remarks>Models of other families tokenize differently; the count is an estimate, close for OpenAI-style BPE models.</remarks>
public sealed class LlmTokenEstimator
{
    // Each chat message costs a few tokens of framing (role, separators) on top of its text.
    private const int TokensPerMessage = 4;

    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>The length of the longest start of <paramref name="text"/> that holds at most <paramref name="maxTokens"/> tokens.</summary>
    public int IndexByTokenCount(ReadOnlySpan<char> text, int maxTokens) => _tokenizer.Value.GetIndexByTokenCount(text, maxTokens, out _, out _);

    /// <summary>Where the longest end of <paramref name="text"/> that holds at most <paramref name="maxTokens"/> tokens starts.</summary>
    public int IndexByTokenCountFromEnd(ReadOnlySpan<char> text, int maxTokens) => _tokenizer.Value.GetIndexByTokenCountFromEnd(text, maxTokens, out _, out _);

    /// <summary>The prompt tokens of a conversation made of <paramref name="messageTexts"/>, framing included.</summary>
    public int CountPrompt(IEnumerable<string> messageTexts)
    {
        ArgumentNullException.ThrowIfNull(messageTexts);
        return messageTexts.Sum(CountMessage);
    }

    /// <summary>The prompt tokens of one chat message whose text is <paramref name="messageText"/>, framing included.</summary>
    public int CountMessage(string messageText) => Count(messageText) + TokensPerMessage;
}
