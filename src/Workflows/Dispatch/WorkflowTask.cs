using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>One attempt of an <c>agent_task</c> step, as handed to an agent: the decider's <see cref="ScheduleTask"/>
/// and the instance it belongs to.</summary>
/// <remarks>The same attempt may be delivered more than once (after a crash the runner dispatches every task whose
/// result is not in the history again); <see cref="TaskId"/> is the idempotency key an agent de-duplicates on. The
/// attempt's fields live only in <see cref="Schedule"/>; the other properties read them.</remarks>
public sealed record WorkflowTask
{
    /// <summary>The workflow instance the task belongs to; results are reported to it.</summary>
    [JsonPropertyName("instance_id")]
    public required WorkflowInstanceId InstanceId { get; init; }

    /// <summary>The attempt as the decider scheduled it and the history recorded it.</summary>
    [JsonPropertyName("schedule")]
    public required ScheduleTask Schedule { get; init; }

    /// <summary>The W3C <c>traceparent</c> recorded with the attempt's <c>task_scheduled</c> event; agents continue the trace from it.
    /// Null when nothing was traced.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }

    /// <summary>The task id (see <see cref="WorkflowTaskId"/>).</summary>
    [JsonIgnore]
    public string TaskId => Schedule.TaskId;

    /// <summary>The <c>agent_task</c> step id.</summary>
    [JsonIgnore]
    public string StepId => Schedule.StepId;

    /// <summary>The attempt number, from 1.</summary>
    [JsonIgnore]
    public int Attempt => Schedule.Attempt;

    /// <summary>Which agent should run the task. Engines run the attempts of <c>workflow</c> steps themselves and never hand
    /// them to a dispatcher, so every dispatched task has one.</summary>
    [JsonIgnore]
    public AgentSelector Agent => Schedule.Agent ?? throw new InvalidOperationException($"Task '{TaskId}' runs a child workflow, not an agent.");

    /// <summary>The resolved task input; absent means JSON null.</summary>
    [JsonIgnore]
    public JsonElement? Input => Schedule.Input;

    /// <summary>How long one attempt may take; the runner enforces it with a durable timer, agents may use it as a hint.</summary>
    [JsonIgnore]
    public TimeSpan? Timeout => Schedule.Timeout;

    /// <summary>The delivery priority from the step (<c>high</c>, <c>normal</c> or <c>low</c>); null means normal.</summary>
    [JsonIgnore]
    public string? Priority => Schedule.Priority;
}
