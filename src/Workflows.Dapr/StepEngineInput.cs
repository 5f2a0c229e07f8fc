using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The orchestration input: the instance id, the definition snapshot it runs (id, version and content, so a new
/// version never changes a running instance's replay) and the workflow input.</summary>
public sealed record StepEngineInput
{
    /// <summary>The platform instance id (equal to the Dapr instance id).</summary>
    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    /// <summary>The definition snapshot, stored with its schema version.</summary>
    [JsonPropertyName("definition")]
    public required StoredWorkflowDefinition Definition { get; init; }

    /// <summary>The workflow input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }
}
