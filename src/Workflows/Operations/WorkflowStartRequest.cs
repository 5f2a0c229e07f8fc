using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Operations;

/// <summary>Asks to start an instance of a registered definition.</summary>
public sealed record WorkflowStartRequest
{
    /// <summary>The definition id.</summary>
    [JsonPropertyName("definition_id")]
    public required string DefinitionId { get; init; }

    /// <summary>The definition version; the latest registered one when absent.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>The instance id (see <see cref="Ids.WorkflowInstanceId"/>); a new random id when absent.</summary>
    [JsonPropertyName("instance_id")]
    public string? InstanceId { get; init; }

    /// <summary>The workflow input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }
}
