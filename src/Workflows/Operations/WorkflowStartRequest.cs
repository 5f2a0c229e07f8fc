using System.Text.Json.Serialization;
using System.Text.Json;
using AgentPlatform.Workflows.Ids;

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

    /// <summary>The instance id (see a root id, see <see cref="WorkflowInstanceId.Create"/>); a new random id when absent.</summary>
    [JsonPropertyName("instance_id")]
    public WorkflowInstanceId? InstanceId { get; init; }

    /// <summary>The workflow input.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }
}
