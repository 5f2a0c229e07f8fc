namespace AgentPlatform.Agents.Channels;

/// <summary>Raised when creating a channel whose id is taken.</summary>
public sealed class ChannelAlreadyExistsException : Exception
{
    /// <summary>Creates the exception for <paramref name="channelId"/>.</summary>
    public ChannelAlreadyExistsException(string channelId)
        : base($"Channel '{channelId}' already exists.")
    {
        ChannelId = channelId;
    }

    /// <summary>The taken id.</summary>
    public string ChannelId { get; }
}
