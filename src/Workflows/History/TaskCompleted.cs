using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>A task finished successfully. Ignored when the task is no longer awaited (timed out, abandoned, duplicate).</summary>
public sealed record TaskCompleted : WorkflowEvent
{
    /// <summary>The task id from <see cref="TaskScheduled.TaskId"/>.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The task output; absent means JSON null.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <summary>The agent that ran the attempt; absent when the dispatcher names none (in-process handlers, older histories).</summary>
    [JsonPropertyName("agent_id")]
    public string? AgentId { get; init; }

    /// <summary>What the attempt spent on model calls; absent when its agent reported nothing (no model calls, older histories).</summary>
    [JsonPropertyName("usage")]
    public TaskUsage? Usage { get; init; }
}
