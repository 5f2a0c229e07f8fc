using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents;

/// <summary>Source-generated log messages of the agents assembly (one class per assembly, as STYLE.md asks).</summary>
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

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "A change of agent {AgentId} was not published on {Topic}")]
    public static partial void AgentChangeNotPublished(ILogger logger, Exception exception, string agentId, string topic);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Registry index loaded with {Count} agents")]
    public static partial void RegistryIndexLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Channel {ChannelId} created by {AgentId}")]
    public static partial void ChannelCreated(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Agent {AgentId} joined channel {ChannelId}")]
    public static partial void MemberJoined(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Agent {AgentId} left channel {ChannelId}")]
    public static partial void MemberLeft(ILogger logger, string channelId, string agentId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "A batch of {Count} posts to channel {ChannelId} failed")]
    public static partial void PostBatchFailed(ILogger logger, Exception exception, string channelId, int count);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Events of channel {ChannelId} up to sequence {Head} were not published (attempt {Attempt}); retrying")]
    public static partial void ChannelEventsNotPublished(ILogger logger, Exception exception, string channelId, long head, int attempt);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "The outcome of task {TaskId} was not reported ({Reason}); it is reported again when the task is dispatched again")]
    public static partial void TaskOutcomeNotReported(ILogger logger, Exception? exception, string taskId, string reason);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The run of task {TaskId} on in-process agent {AgentId} ended without settling the task")]
    public static partial void InProcessTaskNotSettled(ILogger logger, Exception exception, string taskId, string agentId);

    [LoggerMessage(
        EventId = 1302,
        Level = LogLevel.Information,
        Message = "Task {TaskId} of step {StepId} has no agent to take it now ({Candidates} qualified, none idle or working with room); it waits and is matched again with back-off (GET /api/v1/registry/match says why each agent is excluded)")]
    public static partial void TaskWaitsForAgent(ILogger logger, string taskId, string stepId, int candidates);
}
