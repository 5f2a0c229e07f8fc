
namespace AgentPlatform.DaprSidecar;

/// <summary>The double's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sidecar {Replica}: app ready ({ActorTypes} actor types, {Subscriptions} subscriptions)")]
    public static partial void AppReady(this ILogger logger, int replica, int actorTypes, int subscriptions);

    [LoggerMessage(2, LogLevel.Warning, "Sidecar {Replica}: app stopped answering; its actors move to other replicas")]
    public static partial void AppUnreachable(this ILogger logger, int replica);

    [LoggerMessage(3, LogLevel.Warning, "Sidecar {Replica}: /dapr/{Endpoint} answered something unreadable: {Problem}")]
    public static partial void BadAppAnswer(this ILogger logger, int replica, string endpoint, string problem);

    [LoggerMessage(4, LogLevel.Warning, "Sidecar {Replica}: subscription to unknown pub/sub {Pubsub} (topic {Topic}) ignored")]
    public static partial void UnknownPubSub(this ILogger logger, int replica, string pubsub, string topic);

    [LoggerMessage(5, LogLevel.Information, "Event {Id} on {Pubsub}/{Topic} dead-lettered to {DeadLetterTopic}: {Reason}")]
    public static partial void DeadLettered(this ILogger logger, string id, string pubsub, string topic, string deadLetterTopic, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Event {Id} on {Pubsub}/{Topic} dropped: {Reason}")]
    public static partial void Dropped(this ILogger logger, string id, string pubsub, string topic, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Reminder {Name} of {ActorType}/{ActorId} failed: {Problem}")]
    public static partial void ReminderFailed(this ILogger logger, string actorType, string actorId, string name, string problem);

    [LoggerMessage(8, LogLevel.Debug, "Actor {ActorType}/{ActorId} deactivated on replica {Replica}")]
    public static partial void Deactivated(this ILogger logger, string actorType, string actorId, int replica);

    [LoggerMessage(9, LogLevel.Warning, "Timer {Name} of {ActorType}/{ActorId} failed: {Problem}")]
    public static partial void TimerFailed(this ILogger logger, string actorType, string actorId, string name, string problem);
}
