using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Tells every replica of the host which agents' inbox readers should look again: after a channel commit (on
/// <see cref="ChannelTopic"/>, with the channel id as CloudEvent subject) or after a direct message, task or hand-back
/// (on <see cref="AgentTopic"/>).</summary>
/// <param name="AgentIds">The agents whose readers to wake.</param>
/// <param name="ChannelId">The channel whose log grew, or null for an inbox of its own.</param>
/// <param name="Head">The channel's last sequence after the commit, or 0.</param>
/// <param name="Replica">The replica that woke its own readers already and ignores the event.</param>
public sealed record InboxWakeup(
    [property: JsonPropertyName("agentIds")] IReadOnlyList<string> AgentIds,
    [property: JsonPropertyName("channelId")] string? ChannelId,
    [property: JsonPropertyName("head")] long Head,
    [property: JsonPropertyName("replica")] string Replica)
{
    /// <summary>The topic of channel commits.</summary>
    public const string ChannelTopic = "channels.posts";

    /// <summary>The topic of direct inbox wake-ups.</summary>
    public const string AgentTopic = "agents.inbox";

    /// <summary>The CloudEvent type of a channel commit.</summary>
    public const string ChannelEventType = "agentplatform.channel.posted";

    /// <summary>The CloudEvent type of a direct inbox wake-up.</summary>
    public const string AgentEventType = "agentplatform.inbox.woken";
}
