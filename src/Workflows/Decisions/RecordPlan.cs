using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Record the validated run-time plan of a <c>plan</c> step (or its problems); no side effect beyond appending
/// <see cref="PlanRecorded"/>, after which the decider starts the plan's tasks.</summary>
public sealed record RecordPlan : WorkflowCommand
{
    /// <summary>The <c>plan</c> step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The valid plan; null when <see cref="Problems"/> is set.</summary>
    [JsonPropertyName("plan")]
    public JsonElement? Plan { get; init; }

    /// <summary>Every problem of an invalid plan.</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<string>? Problems { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new PlanRecorded { Sequence = sequence, Timestamp = timestamp, StepId = StepId, Plan = Plan, Problems = Problems };
}
