using Microsoft.Extensions.Logging;

namespace AgentPlatform.Llm;

/// <summary>Source-generated log messages of the LLM assembly. No message carries an API key or a prompt.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "LLM call to {Endpoint} failed on attempt {Attempt} ({ErrorType}); next attempt in {Wait}")]
    public static partial void LlmCallRetried(ILogger logger, string endpoint, int attempt, string errorType, TimeSpan wait);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "LLM agent {AgentId} registered for model {Model} at {Endpoint}")]
    public static partial void LlmAgentDeclared(ILogger logger, string agentId, string model, string endpoint);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "LLM task {TaskId} of run {RunId} stopped by its budget: {Reason}")]
    public static partial void BudgetExceeded(ILogger logger, string taskId, string runId, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "LLM agents could not be declared to the registry (round {Round} of {MaxRounds})")]
    public static partial void LlmAgentsNotDeclared(ILogger logger, Exception failure, int round, int maxRounds);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "LLM agent {AgentId} answered post {Sequence} of channel {ChannelId} ({Tokens} tokens, {ToolCalls} tool calls)")]
    public static partial void ChannelPostAnswered(ILogger logger, string agentId, string channelId, long sequence, long tokens, int toolCalls);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "LLM agent {AgentId} had already answered post {Sequence} of channel {ChannelId}; acknowledged without a call")]
    public static partial void ChannelPostAlreadyAnswered(ILogger logger, string agentId, string channelId, long sequence);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "LLM agent {AgentId} could not answer delivery {DeliveryId} (attempt {Attempt}; {Tokens} tokens, {ToolCalls} tool calls spent); handed back")]
    public static partial void ChannelDeliveryNotAnswered(ILogger logger, Exception failure, string agentId, string deliveryId, int attempt, long tokens, int toolCalls);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "LLM agent {AgentId} could not read its inbox")]
    public static partial void ChannelInboxNotRead(ILogger logger, Exception failure, string agentId);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "LLM agent {AgentId} could not join channel {ChannelId}")]
    public static partial void ChannelNotJoined(ILogger logger, Exception failure, string agentId, string channelId);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "The LLM agents' channel memberships could not be updated")]
    public static partial void ChannelMembersNotUpdated(ILogger logger, Exception failure);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "LLM agent {AgentId} left request {RequestId} unanswered: it expired at {ExpiresAt}")]
    public static partial void ChannelRequestExpired(ILogger logger, string agentId, string requestId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "LLM agent {AgentId} replied to request {RequestId} ({Tokens} tokens, {ToolCalls} tool calls)")]
    public static partial void ChannelRequestReplied(ILogger logger, string agentId, string requestId, long tokens, int toolCalls);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "LLM agent {AgentId} listens on this replica for its {Channels} channels")]
    public static partial void ChannelMemberListening(ILogger logger, string agentId, int channels);
}
