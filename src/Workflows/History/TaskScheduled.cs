using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded by the runner for a <c>ScheduleTask</c> command before it dispatches the task.</summary>
public sealed record TaskScheduled : WorkflowEvent
{
    /// <summary>The task id, <c>{instance}:{step}:{attempt}</c>; the idempotency key of the dispatch.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The agent_task step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The attempt number, counted per step over the whole instance from 1.</summary>
    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    /// <summary>Which agent runs the task; null for the attempt of a <c>workflow</c> step (see <see cref="Workflow"/>).</summary>
    [JsonPropertyName("agent")]
    public AgentSelector? Agent { get; init; }

    /// <summary>The child workflow a <c>workflow</c> step's attempt runs instead of an agent task; null for agent tasks.</summary>
    [JsonPropertyName("workflow")]
    public ChildWorkflowCall? Workflow { get; init; }

    /// <summary>The resolved task input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The time one attempt may take; the decider enforces it with a task-timeout timer.</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }

    /// <summary>The delivery priority (<c>high</c>, <c>normal</c> or <c>low</c>) from the step; null means normal.</summary>
    [JsonPropertyName("priority")]
    public string? Priority { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the trace the attempt belongs to, recorded by the engine (not the decider) so the
    /// step's span and the dispatched task keep their parent across a restart; absent in histories written before it existed.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }
}
