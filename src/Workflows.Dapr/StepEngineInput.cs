using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The orchestration input: the instance id, the definition snapshot it runs (id, version and content, so a new
/// version never changes a running instance's replay) and the workflow input.</summary>
public sealed record StepEngineInput
{
    /// <summary>The platform instance id (equal to the Dapr instance id).</summary>
    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    /// <summary>The definition snapshot, stored with its schema version.</summary>
    [JsonPropertyName("definition")]
    public required StoredWorkflowDefinition Definition { get; init; }

    /// <summary>The workflow input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The W3C <c>traceparent</c> current when the instance was started; the orchestration records it in
    /// <c>workflow_started</c> and in every <c>task_scheduled</c> (it has no ambient activity of its own that replays
    /// deterministically) and hands it to agents with each task. Null when nothing was traced.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }

    /// <summary>The run-time bounds of the starting host (<c>for_each</c> items, plan tasks), carried in the input because a
    /// Dapr workflow takes no services; null for the defaults. Their verdicts are recorded in the history, so replay never
    /// depends on them.</summary>
    [JsonPropertyName("limits")]
    public WorkflowLimitsOptions? Limits { get; init; }

    /// <summary>For a child workflow: the parent's task id of the attempt that started it (recorded in <c>workflow_started</c>).</summary>
    [JsonPropertyName("parent_task_id")]
    public string? ParentTaskId { get; init; }
}
