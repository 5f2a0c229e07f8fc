using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>RecordPlan</c> command: the run-time plan of a <c>plan</c> step, validated once when the
/// step started, or every problem that made it invalid. Replay reads the plan from here and never evaluates again.</summary>
public sealed record PlanRecorded : WorkflowEvent
{
    /// <summary>The <c>plan</c> step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The valid plan (<c>{ "tasks": [...] }</c>); absent when <see cref="Problems"/> is set.</summary>
    [JsonPropertyName("plan")]
    public JsonElement? Plan { get; init; }

    /// <summary>Every problem of an invalid plan, each naming its path; absent when the plan is valid.</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<string>? Problems { get; init; }
}
