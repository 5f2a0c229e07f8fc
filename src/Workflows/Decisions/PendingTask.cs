using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A task scheduled in the history whose result is still awaited; after a restart the runner dispatches
/// these again with the same id.</summary>
public sealed record PendingTask
{
    /// <summary>The task id.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The scheduling command as recorded (agent, input, timeout).</summary>
    [JsonPropertyName("task")]
    public required ScheduleTask Task { get; init; }
}
