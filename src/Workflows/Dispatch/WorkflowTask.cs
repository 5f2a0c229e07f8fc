using System.Text.Json.Serialization;
using System.Text.Json;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>One attempt of an <c>agent_task</c> step, as handed to an agent.</summary>
/// <remarks>The same attempt may be delivered more than once (after a crash the runner dispatches every task whose
/// result is not in the history again); <see cref="TaskId"/> is the idempotency key an agent de-duplicates on.</remarks>
public sealed record WorkflowTask
{
    /// <summary>The task id, <c>{instance}:{step}:{attempt}</c> (see <see cref="Ids.WorkflowTaskId"/>).</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The workflow instance the task belongs to; results are reported to it.</summary>
    [JsonPropertyName("instance_id")]
    public required WorkflowInstanceId InstanceId { get; init; }

    /// <summary>The <c>agent_task</c> step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    /// <summary>Which agent should run the task.</summary>
    [JsonPropertyName("agent")]
    public required AgentSelector Agent { get; init; }

    /// <summary>The resolved task input; absent means JSON null.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>How long one attempt may take; the runner enforces it with a durable timer, agents may use it as a hint.</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }
}
