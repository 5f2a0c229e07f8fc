using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Channels;

/// <summary>Source-generated log messages of channels and inboxes.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Channel {ChannelId} created by {AgentId}")]
    public static partial void ChannelCreated(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Agent {AgentId} joined channel {ChannelId}")]
    public static partial void MemberJoined(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Agent {AgentId} left channel {ChannelId}")]
    public static partial void MemberLeft(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "A batch of {Count} posts to channel {ChannelId} failed")]
    public static partial void PostBatchFailed(ILogger logger, Exception exception, string channelId, int count);
}
