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
}
