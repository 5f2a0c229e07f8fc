namespace AgentPlatform.Agents.Channels;

/// <summary>Raised when an agent posts to a channel again before <see cref="ChannelOptions.PostCooldown"/> has passed.</summary>
public sealed class PostCooldownException : Exception
{
    /// <summary>Creates the exception; the agent may post again after <paramref name="retryAfter"/>.</summary>
    public PostCooldownException(string channelId, string agentId, TimeSpan retryAfter)
        : base($"Agent '{agentId}' posted to channel '{channelId}' too recently; retry after {retryAfter.TotalSeconds:0.###} s.")
    {
        ChannelId = channelId;
        AgentId = agentId;
        RetryAfter = retryAfter;
    }

    /// <summary>The channel.</summary>
    public string ChannelId { get; }

    /// <summary>The agent.</summary>
    public string AgentId { get; }

    /// <summary>How long until the agent may post to the channel again.</summary>
    public TimeSpan RetryAfter { get; }
}
