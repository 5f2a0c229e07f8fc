using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Dispatch one task attempt to an agent. Recorded as <see cref="TaskScheduled"/>; the runner reports the
/// result as <see cref="TaskCompleted"/> or <see cref="TaskFailed"/> with the same <see cref="TaskId"/>.</summary>
public sealed record ScheduleTask : WorkflowCommand
{
    /// <summary>The task id, <c>{instance}:{step}:{attempt}</c>; dispatches repeated after a crash reuse it.</summary>
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

    /// <summary>The attempt timeout; the decider also asks for a task-timeout timer, so the runner need not enforce it.</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }

    /// <summary>The delivery priority (<c>high</c>, <c>normal</c> or <c>low</c>) from the step; null means normal.</summary>
    [JsonPropertyName("priority")]
    public string? Priority { get; init; }

    /// <summary>The command a recorded <see cref="TaskScheduled"/> came from (the inverse of <see cref="ToEvent"/>).</summary>
    internal static ScheduleTask FromEvent(TaskScheduled scheduled) => new()
    {
        TaskId = scheduled.TaskId,
        StepId = scheduled.StepId,
        Attempt = scheduled.Attempt,
        Agent = scheduled.Agent,
        Workflow = scheduled.Workflow,
        Input = scheduled.Input,
        Timeout = scheduled.Timeout,
        Priority = scheduled.Priority,
    };

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) => new TaskScheduled
    {
        Sequence = sequence,
        Timestamp = timestamp,
        TaskId = TaskId,
        StepId = StepId,
        Attempt = Attempt,
        Agent = Agent,
        Workflow = Workflow,
        Input = Input,
        Timeout = Timeout,
        Priority = Priority,
    };
}
