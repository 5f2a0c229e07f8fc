using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>RecordItems</c> command: the array a <c>for_each</c> step fans out over, evaluated once
/// when the step started, or why it could not fan out. Replay reads the items from here and never evaluates again.</summary>
public sealed record ItemsRecorded : WorkflowEvent
{
    /// <summary>The <c>for_each</c> parallel step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The items, a JSON array; absent when <see cref="Error"/> is set.</summary>
    [JsonPropertyName("items")]
    public JsonElement? Items { get; init; }

    /// <summary>Why the step fails instead (not an array, too many items); absent when the items are recorded.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
