using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Embedded;

/// <summary>Source-generated log messages of the embedded runtime.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Actor {Actor} activated")]
    public static partial void ActorActivated(ILogger logger, ActorId actor);

    [LoggerMessage(2, LogLevel.Debug, "Actor {Actor} deactivated")]
    public static partial void ActorDeactivated(ILogger logger, ActorId actor);

    [LoggerMessage(3, LogLevel.Error, "Actor {Actor} failed while deactivating")]
    public static partial void DeactivationFailed(ILogger logger, ActorId actor, Exception error);

    [LoggerMessage(4, LogLevel.Error, "One-way call {Method} to actor {Actor} failed")]
    public static partial void PostFailed(ILogger logger, ActorId actor, string method, Exception error);

    [LoggerMessage(5, LogLevel.Error, "Timer {Timer} of actor {Actor} failed")]
    public static partial void TimerFailed(ILogger logger, ActorId actor, string timer, Exception error);

    [LoggerMessage(6, LogLevel.Error, "The embedded runtime failed to start")]
    public static partial void StartFailed(ILogger logger, Exception error);

    [LoggerMessage(7, LogLevel.Error, "Reminder {Reminder} of actor {Actor} failed")]
    public static partial void ReminderFailed(ILogger logger, ActorId actor, string reminder, Exception error);

    [LoggerMessage(8, LogLevel.Error, "Persisting reminder {Reminder} of actor {Actor} failed")]
    public static partial void ReminderPersistFailed(ILogger logger, ActorId actor, string reminder, Exception error);

    [LoggerMessage(9, LogLevel.Information, "Loaded {Count} persisted reminders")]
    public static partial void RemindersLoaded(ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Error, "SQLite write batch of {Count} failed; retrying each write alone")]
    public static partial void BatchFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(11, LogLevel.Information, "Opened SQLite database {Path}")]
    public static partial void DatabaseOpened(ILogger logger, string path);

    [LoggerMessage(12, LogLevel.Warning, "Event {EventId} on topic {Topic} will be retried (attempt {Attempt})")]
    public static partial void DeliveryRetry(ILogger logger, string eventId, string topic, int attempt, Exception? error);

    [LoggerMessage(13, LogLevel.Warning, "Event {EventId} on topic {Topic} was dead-lettered to {DeadLetterTopic}: {Reason}")]
    public static partial void DeliveryDeadLettered(ILogger logger, string eventId, string topic, string deadLetterTopic, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Event {EventId} on topic {Topic} was dropped: {Reason}")]
    public static partial void DeliveryDropped(ILogger logger, string eventId, string topic, string reason);
}
