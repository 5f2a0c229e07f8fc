using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>The outcome of one task attempt, reported back to its workflow instance.</summary>
/// <param name="TaskId">The task id of the attempt.</param>
/// <param name="Succeeded">True when the task produced <paramref name="Output"/>, false when it failed with <paramref name="Error"/>.</param>
/// <param name="Output">The output of a successful task; absent means JSON null.</param>
/// <param name="Error">What went wrong, for a failed task.</param>
/// <param name="AgentId">The agent that ran the attempt, recorded with the outcome in the history; null when none was chosen.</param>
/// <param name="Usage">What the attempt spent on model calls, recorded with the outcome; null when nothing was reported.</param>
public sealed record WorkflowTaskResult(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("output")] JsonElement? Output = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("agent_id")] string? AgentId = null,
    [property: JsonPropertyName("usage")] TaskUsage? Usage = null)
{
    /// <summary>A successful result.</summary>
    public static WorkflowTaskResult Success(string taskId, JsonElement? output, string? agentId = null) => new(taskId, true, output, null, agentId);

    /// <summary>A failed result.</summary>
    public static WorkflowTaskResult Failure(string taskId, string error, string? agentId = null) => new(taskId, false, null, error, agentId);
}
