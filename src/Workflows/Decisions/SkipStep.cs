using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Record that a step will not run; no side effect beyond appending <see cref="StepSkipped"/>.</summary>
public sealed record SkipStep : WorkflowCommand
{
    /// <summary>The skipped step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>Why the step is skipped.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new StepSkipped { Sequence = sequence, Timestamp = timestamp, StepId = StepId, Reason = Reason };
}
