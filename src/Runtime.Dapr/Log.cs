using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Dapr;

/// <summary>The log messages of the Dapr runtime.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Timer {Timer} of actor {Actor} failed.")]
    public static partial void TimerFailed(ILogger logger, ActorId actor, string timer, Exception error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Deactivating actor {Actor} failed.")]
    public static partial void DeactivationFailed(ILogger logger, ActorId actor, Exception error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "One-way call {Method} to actor {Actor} failed.")]
    public static partial void PostFailed(ILogger logger, ActorId actor, string method, Exception error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The handler of topic {Topic} failed on event {EventId}; Dapr will deliver it again.")]
    public static partial void HandlerFailed(ILogger logger, string topic, string eventId, Exception error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A delivery on topic {Topic} is not a CloudEvent and is dropped: {Reason}")]
    public static partial void MalformedDelivery(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Refused a sidecar callback to {Path}: the dapr-api-token header is missing or wrong.")]
    public static partial void CallbackRefused(ILogger logger, string path);
}
