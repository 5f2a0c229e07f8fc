namespace AgentPlatform.Agents.Channels;

/// <summary>Raised when a call names a channel that does not exist.</summary>
public sealed class ChannelNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="channelId"/>.</summary>
    public ChannelNotFoundException(string channelId)
        : base($"Channel '{channelId}' does not exist.")
    {
        ChannelId = channelId;
    }

    /// <summary>The unknown channel.</summary>
    public string ChannelId { get; }
}
