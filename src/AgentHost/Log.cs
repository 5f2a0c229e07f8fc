namespace AgentPlatform.AgentHost;

/// <summary>The host's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Agent host listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2, LogLevel.Information, "Runtime mode {Mode}, data directory {DataDirectory}")]
    public static partial void RuntimeSelected(ILogger logger, string mode, string dataDirectory);

    [LoggerMessage(3, LogLevel.Error, "Unhandled exception for {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(4, LogLevel.Information, "Agent {AgentId} registered as {Name}")]
    public static partial void AgentRegistered(ILogger logger, string agentId, string name);

    [LoggerMessage(5, LogLevel.Information, "Agent {AgentId} rotated its API key")]
    public static partial void KeyRotated(ILogger logger, string agentId);

    [LoggerMessage(6, LogLevel.Warning, "Operator revoked every API key of agent {AgentId}")]
    public static partial void KeysRevoked(ILogger logger, string agentId);

    [LoggerMessage(7, LogLevel.Warning, "Operator deleted agent {AgentId}")]
    public static partial void AgentDeleted(ILogger logger, string agentId);

    [LoggerMessage(8, LogLevel.Warning, "Operator set the workflow rights of agent {AgentId}: start {Definitions} definitions, raise events {RaiseEvents}")]
    public static partial void RightsChanged(ILogger logger, string agentId, int definitions, bool raiseEvents);

    [LoggerMessage(9, LogLevel.Information, "Backup written to {Path}")]
    public static partial void BackupTaken(ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Error, "Scheduled backup into {Directory} failed")]
    public static partial void BackupFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Publishing a replica broadcast on {Topic} failed; other replicas learn of it only from their own reads")]
    public static partial void BroadcastFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(50, LogLevel.Information, "{Actor} {Action} {Target}: {Status} (from {RemoteAddress})")]
    public static partial void Audited(ILogger logger, string actor, string action, string target, int status, string? remoteAddress);

    [LoggerMessage(40, LogLevel.Information, "Operator signed in to the dashboard from {RemoteAddress}")]
    public static partial void DashboardSignedIn(ILogger logger, string? remoteAddress);

    [LoggerMessage(41, LogLevel.Warning, "Dashboard sign-in from {RemoteAddress} refused: {Reason}")]
    public static partial void DashboardSignInRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(42, LogLevel.Information, "Operator signed out of the dashboard from {RemoteAddress}")]
    public static partial void DashboardSignedOut(ILogger logger, string? remoteAddress);

    [LoggerMessage(43, LogLevel.Warning, "The dashboard's live feed failed to read an update; it tries again next interval")]
    public static partial void DashboardFeedFailed(ILogger logger, Exception exception);
}
