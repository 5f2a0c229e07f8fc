using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>What a <c>workflow</c> step's attempt runs: the definition and the derived child instance id.</summary>
public sealed record ChildWorkflowCall
{
    /// <summary>The child instance id, <c>{parent}~{step}</c> (or <c>~{step}[{item}]</c> for a copy); the same for every
    /// attempt of the step.</summary>
    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    /// <summary>The definition id the child runs.</summary>
    [JsonPropertyName("definition_id")]
    public required string DefinitionId { get; init; }

    /// <summary>The definition version; null means the latest registered when the attempt starts.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }
}
