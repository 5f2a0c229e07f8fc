using Microsoft.Extensions.Logging;

namespace AgentPlatform.Api.Grpc;

/// <summary>The gRPC API's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Agent {AgentId} registered as {Name} over gRPC")]
    public static partial void AgentRegistered(ILogger logger, string agentId, string name);

    [LoggerMessage(2, LogLevel.Information, "Agent {AgentId} rotated its API key over gRPC")]
    public static partial void KeyRotated(ILogger logger, string agentId);

    [LoggerMessage(50, LogLevel.Information, "{Actor} {Action} {Target}: {Status} (from {RemoteAddress})")]
    public static partial void Audited(ILogger logger, string actor, string action, string target, string status, string? remoteAddress);
}
