namespace AgentPlatform.Agents.Channels;

/// <summary>The per-channel pub/sub topic a channel may opt in to (<see cref="ChannelProfile.PublishToTopic"/>): every message
/// appended to its log is published there as a CloudEvent, for agents that read it through their own Dapr sidecar.</summary>
/// <remarks>The event's <c>id</c> is the message id (stable across re-publishes, so subscribers de-duplicate on it), its
/// <c>subject</c> the channel id, its <c>type</c> <see cref="EventType"/> and its data the message as the HTTP API shows it.
/// Publishing is at least once and in log order per channel activation; access is governed by the pub/sub component's
/// subscription scopes, not by the platform.</remarks>
public static class ChannelTopic
{
    /// <summary>The prefix of every per-channel topic.</summary>
    public const string Prefix = "channel.";

    /// <summary>The CloudEvent type of a message published on a channel topic.</summary>
    public const string EventType = "agentplatform.channel.message";

    /// <summary>The topic of <paramref name="channelId"/>: <see cref="Prefix"/> followed by the id.</summary>
    public static string For(string channelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        return Prefix + channelId;
    }
}
