using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A snapshot of an instance, derived from its history by the decider.</summary>
public sealed record WorkflowInstanceState
{
    /// <summary>The instance id (empty before <c>WorkflowStarted</c>).</summary>
    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    /// <summary>For a child workflow: the parent instance id (also readable from the id, <c>{parent}~{step}</c>); else null.</summary>
    [JsonPropertyName("parent_instance_id")]
    public string? ParentInstanceId { get; init; }

    /// <summary>For a child workflow: the parent's task id of the attempt that started it; else null.</summary>
    [JsonPropertyName("parent_task_id")]
    public string? ParentTaskId { get; init; }

    /// <summary>The definition id.</summary>
    [JsonPropertyName("definition_id")]
    public required string DefinitionId { get; init; }

    /// <summary>The definition version.</summary>
    [JsonPropertyName("definition_version")]
    public required int DefinitionVersion { get; init; }

    /// <summary>The lifecycle status.</summary>
    [JsonPropertyName("status")]
    public required WorkflowStatus Status { get; init; }

    /// <summary>The workflow input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The workflow output, once completed.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <summary>The error, once failed, or the reason, once terminated.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Timestamp of the <c>WorkflowStarted</c> event.</summary>
    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Timestamp of the event that finished the instance.</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Ids of the steps running now, in definition order.</summary>
    [JsonPropertyName("current_steps")]
    public required IReadOnlyList<string> CurrentSteps { get; init; }

    /// <summary>Every step of the definition, in definition order (depth first).</summary>
    [JsonPropertyName("steps")]
    public required IReadOnlyList<StepState> Steps { get; init; }

    /// <summary>Tasks scheduled in the history whose results are still awaited (dispatch again after a restart).</summary>
    [JsonPropertyName("pending_tasks")]
    public required IReadOnlyList<PendingTask> PendingTasks { get; init; }

    /// <summary>Timers created in the history that have neither fired nor been cancelled, as the commands that created
    /// them (re-register these after a restart).</summary>
    [JsonPropertyName("active_timers")]
    public required IReadOnlyList<CreateTimer> ActiveTimers { get; init; }

    /// <summary>The number of events folded.</summary>
    [JsonPropertyName("event_count")]
    public required long EventCount { get; init; }

    /// <summary>What the run spent on model calls, from the usage recorded with its task outcomes; absent when none was recorded.</summary>
    [JsonPropertyName("spend")]
    public RunSpend? Spend { get; init; }
}
