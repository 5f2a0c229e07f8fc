using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Starts an instance; ignored (answering the existing state) when the instance already has a history.</summary>
internal sealed record StartInstance(
    [property: JsonPropertyName("instance_id")] WorkflowInstanceId InstanceId,
    [property: JsonPropertyName("definition")] WorkflowDefinition Definition,
    [property: JsonPropertyName("input")] JsonElement? Input);
