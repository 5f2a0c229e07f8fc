using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Api;

/// <summary>Edge validation of what an agent declares about the work it takes (registration and <c>PATCH /agents/me</c>).</summary>
public static class AgentWorkInput
{
    /// <summary>The wire name of the task limit.</summary>
    public const string MaxConcurrentTasksField = "max_concurrent_tasks";
    /// <summary>The wire name of the declared heartbeat interval.</summary>
    public const string HeartbeatIntervalField = "heartbeat_interval_seconds";

    /// <summary>Checks a declared task limit (null means the default).</summary>
    public static void ValidateMaxConcurrentTasks(int? value, List<FieldError> errors)
    {
        if (value is < 1 or > AgentDeclaration.MaxTaskLimit)
        {
            errors.Add(new FieldError(MaxConcurrentTasksField, $"must be a whole number between 1 and {AgentDeclaration.MaxTaskLimit}"));
        }
    }

    /// <summary>Checks a declared heartbeat interval in seconds against the operator's bounds; returns it as a time span.</summary>
    public static TimeSpan? ParseHeartbeatInterval(double? seconds, AgentLivenessOptions options, List<FieldError> errors)
    {
        if (seconds is not { } value)
        {
            return null;
        }

        var min = options.MinAgentHeartbeatInterval.TotalSeconds;
        var max = options.MaxAgentHeartbeatInterval.TotalSeconds;
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(new FieldError(HeartbeatIntervalField, $"must be between {min} and {max} seconds"));
            return null;
        }

        return TimeSpan.FromSeconds(value);
    }
}
