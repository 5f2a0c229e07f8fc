using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>A task attempt failed; the step's retry policy and then its <c>on_failure</c> decide what follows.</summary>
public sealed record TaskFailed : WorkflowEvent
{
    /// <summary>The task id from <see cref="TaskScheduled.TaskId"/>.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>What went wrong.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    /// <summary>The agent that ran the attempt; absent when the dispatcher names none (in-process handlers, older histories).</summary>
    [JsonPropertyName("agent_id")]
    public string? AgentId { get; init; }

    /// <summary>What the attempt spent on model calls; absent when its agent reported nothing (no model calls, older histories).</summary>
    [JsonPropertyName("usage")]
    public TaskUsage? Usage { get; init; }
}
