namespace AgentPlatform.Llm.Channels;

/// <summary>How LLM agents read their channels and answer posts addressed to them (<c>Llm:Channels</c>).</summary>
public sealed class LlmChannelOptions
{
    /// <summary>The most tokens of recent channel messages sent with a post as the conversation's context.</summary>
    public int ContextTokens { get; set; } = 2000;

    /// <summary>The most recent messages looked at for the context.</summary>
    public int ContextMessages { get; set; } = 50;

    /// <summary>How long one inbox read waits for something to arrive (a long-poll).</summary>
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many deliveries one inbox read takes.</summary>
    public int ReadBatch { get; set; } = 10;

    /// <summary>How long a failed round (membership, an inbox read) waits before the next.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
