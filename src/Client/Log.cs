using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Client;

/// <summary>The client's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The inbox stream failed ({Status}: {Reason}); subscribing again in {Delay}.")]
    public static partial void StreamFailed(ILogger logger, StatusCode status, string reason, TimeSpan delay);

    [LoggerMessage(2, LogLevel.Information, "The host ended the inbox stream; subscribing again in {Delay}.")]
    public static partial void StreamEnded(ILogger logger, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "A heartbeat failed ({Status}: {Reason}); trying again at the next beat.")]
    public static partial void HeartbeatFailed(ILogger logger, StatusCode status, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Handling delivery {DeliveryId} failed.")]
    public static partial void DeliveryFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Task {TaskId} failed in its handler: {Reason}")]
    public static partial void TaskFailed(ILogger logger, string taskId, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Settling task {TaskId} with the host failed ({Status}: {Reason}).")]
    public static partial void TaskSettleFailed(ILogger logger, string taskId, StatusCode status, string reason);

    [LoggerMessage(7, LogLevel.Information, "Task {TaskId} was taken away by the host; its handler was cancelled.")]
    public static partial void TaskTakenAway(ILogger logger, string taskId);
}
