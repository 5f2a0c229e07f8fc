using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows;

/// <summary>Source-generated log messages of this assembly: the actor engine, task dispatch and operations.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "The result of task {TaskId} could not be recorded")]
    public static partial void TaskResultNotRecorded(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Workflow {InstanceId} ({DefinitionId} v{Version}) started")]
    public static partial void InstanceStarted(ILogger logger, string instanceId, string definitionId, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Workflow {InstanceId} finished: {Status}")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, Decisions.WorkflowStatus status);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Workflow {InstanceId} resumed after {EventCount} events: {PendingTasks} tasks dispatched again, {ActiveTimers} timers re-armed")]
    public static partial void InstanceResumed(ILogger logger, string instanceId, long eventCount, int pendingTasks, int activeTimers);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Resumed {Count} unfinished workflow instances")]
    public static partial void ResumedAll(ILogger logger, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Workflow {InstanceId} could not be resumed")]
    public static partial void ResumeFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Ignored {Kind} for workflow {InstanceId}: {Reason}")]
    public static partial void Ignored(ILogger logger, string kind, string instanceId, string reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "A child workflow call for task {TaskId} failed; it is repeated when the instance resumes")]
    public static partial void ChildCallFailed(ILogger logger, string taskId, Exception exception);
}
