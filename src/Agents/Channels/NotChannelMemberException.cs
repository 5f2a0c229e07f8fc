namespace AgentPlatform.Agents.Channels;

/// <summary>Raised when an agent posts to or reads a channel it is not a member of.</summary>
public sealed class NotChannelMemberException : Exception
{
    /// <summary>Creates the exception for <paramref name="agentId"/> in <paramref name="channelId"/>.</summary>
    public NotChannelMemberException(string channelId, string agentId)
        : base($"Agent '{agentId}' is not a member of channel '{channelId}'.")
    {
        ChannelId = channelId;
        AgentId = agentId;
    }

    /// <summary>The channel.</summary>
    public string ChannelId { get; }

    /// <summary>The agent that is not a member.</summary>
    public string AgentId { get; }
}
