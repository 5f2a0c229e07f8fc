using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>SkipStep</c> command: a step will not run (untaken condition branch, or passed over
/// by a <c>goto</c>).</summary>
public sealed record StepSkipped : WorkflowEvent
{
    /// <summary>The skipped step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>Why the step is skipped.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}
