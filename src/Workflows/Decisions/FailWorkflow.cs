using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The instance failed; recorded as <see cref="WorkflowFailed"/>.</summary>
public sealed record FailWorkflow : WorkflowCommand
{
    /// <summary>What failed, naming the step.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new WorkflowFailed { Sequence = sequence, Timestamp = timestamp, Error = Error };
}
