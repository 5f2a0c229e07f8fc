using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Chunking;

namespace AgentPlatform.Llm.Tests.Chunking;

public sealed class LlmTextSplitterTests
{
    private readonly LlmTokenEstimator _tokens = new();

    [Fact]
    public void ATextWithinTheLimitIsOneChunkAndALongerOneIsSplitIntoChunksWithinTheLimitEachRepeatingTheEndOfTheOneBefore()
    {
        var splitter = new LlmTextSplitter(_tokens);
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));

        Assert.Equal([text], splitter.Split(text, _tokens.Count(text), 10));
        var chunks = splitter.Split(text, 100, 20);

        Assert.True(chunks.Count >= _tokens.Count(text) / 100, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.InRange(_tokens.Count(chunk), 1, 100));
        var starts = new List<int>();
        foreach (var chunk in chunks)
        {
            starts.Add(text.IndexOf(chunk, starts.Count == 0 ? 0 : starts[^1] + 1, StringComparison.Ordinal));
        }

        Assert.Equal(0, starts[0]);
        Assert.Equal(text.Length, starts[^1] + chunks[^1].Length);
        for (var i = 1; i < chunks.Count; i++)
        {
            var end = starts[i - 1] + chunks[i - 1].Length;
            Assert.InRange(starts[i], starts[i - 1] + 1, end - 1);
            Assert.InRange(_tokens.Count(text[starts[i]..end]), 1, 21);
        }
    }

    [Fact]
    public void WithoutOverlapTheChunksJoinBackIntoTheTextAndNoCharacterIsCutInHalf()
    {
        var splitter = new LlmTextSplitter(_tokens);
        var text = string.Concat(Enumerable.Repeat("Grüße 😀 日本語のテキスト ", 60));

        var chunks = splitter.Split(text, 7, 0);

        Assert.Equal(text, string.Concat(chunks));
        Assert.All(chunks, chunk => Assert.False(char.IsHighSurrogate(chunk[^1]) || char.IsLowSurrogate(chunk[0]), chunk));
    }
}
