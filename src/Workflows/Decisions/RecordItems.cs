using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Record the items a <c>for_each</c> step fans out over (or why it cannot); no side effect beyond appending
/// <see cref="ItemsRecorded"/>, after which the decider starts the item copies.</summary>
public sealed record RecordItems : WorkflowCommand
{
    /// <summary>The <c>for_each</c> parallel step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The items, a JSON array; null when <see cref="Error"/> is set.</summary>
    [JsonPropertyName("items")]
    public JsonElement? Items { get; init; }

    /// <summary>Why the step fails instead.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new ItemsRecorded { Sequence = sequence, Timestamp = timestamp, StepId = StepId, Items = Items, Error = Error };
}
