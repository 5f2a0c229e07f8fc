using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The instance finished successfully; recorded as <see cref="WorkflowCompleted"/>.</summary>
public sealed record CompleteWorkflow : WorkflowCommand
{
    /// <summary>The workflow output.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new WorkflowCompleted { Sequence = sequence, Timestamp = timestamp, Output = Output };
}
