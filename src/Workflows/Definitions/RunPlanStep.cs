using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Runs a plan produced at run time (for example by a planner agent) as a graph of agent tasks: the plan is
/// validated against <c>docs/schemas/plan.schema.json</c>, recorded in the history, and its tasks run under
/// <see cref="MaxConcurrency"/> as their dependencies finish.</summary>
/// <remarks>An invalid plan fails the step with an error starting <c>invalid_plan:</c> that names every problem;
/// <see cref="WorkflowStep.OnFailure"/> applies to it like to any failure.</remarks>
public sealed record RunPlanStep : WorkflowStep
{
    /// <summary>A reference in <c>${...}</c> to the plan, usually <c>${steps.planner.output}</c>.</summary>
    [JsonPropertyName("plan")]
    public string? Plan { get; init; }

    /// <summary>At most this many plan tasks in flight at once; null for no limit.</summary>
    [JsonPropertyName("max_concurrency")]
    public int? MaxConcurrency { get; init; }

    /// <summary>The minimum match score in [0,1] for tasks that select their agent by capabilities.</summary>
    [JsonPropertyName("min_confidence")]
    public double? MinConfidence { get; init; }

    /// <summary>When set (<c>manager</c>, <c>coordinator</c>, <c>executor</c>), only agents with this team role may run the plan's tasks (a task's own <c>role</c> wins).</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The candidate set of the plan's agent tasks: an array of agent ids, or one <c>${...}</c> reference to such an array
    /// resolved when an attempt is scheduled; a task's own <c>agents</c> narrows it (only agents in both may run the task).</summary>
    [JsonPropertyName("agents")]
    public JsonElement? Agents { get; init; }

    /// <summary>The time one attempt of a plan task may take; no timeout when absent.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }

    /// <summary>The delivery priority of the plan's tasks: <c>high</c>, <c>normal</c> or <c>low</c>.</summary>
    [JsonPropertyName("priority")]
    public string? Priority { get; init; }

    /// <summary>The retry policy of every plan task; one attempt when absent.</summary>
    [JsonPropertyName("retry")]
    public RetryPolicy? Retry { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Plan;
}
