using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents;

/// <summary>Source-generated log messages of the agent platform.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Dropped agent event {EventId} of type {EventType}: it carries no agent message envelope with a topic")]
    public static partial void MalformedAgentEvent(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Agent event {MessageId} not delivered to {Recipient}: its agent type is not hosted by the actor runtime")]
    public static partial void SubscriberTypeNotHosted(ILogger logger, string messageId, string recipient);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Agent event {MessageId} failed at {Recipient}; it will be retried")]
    public static partial void AgentEventFailed(ILogger logger, Exception exception, string messageId, string recipient);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "The agent runtime failed to subscribe to its pub/sub topic")]
    public static partial void AgentRuntimeStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "The status change of agent {AgentId} to {Status} was not published")]
    public static partial void StatusChangeNotPublished(ILogger logger, Exception exception, string agentId, string status);
}
