using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Starts an instance; ignored (answering the existing state) when the instance already has a history.</summary>
/// <remarks><see cref="ParentTaskId"/> is set for a child workflow: the parent attempt it reports its outcome to.
/// <see cref="TraceParent"/> is the caller's, carried in the call because an actor turn does not see the caller's
/// activity.</remarks>
internal sealed record StartInstance(
    [property: JsonPropertyName("instance_id")] WorkflowInstanceId InstanceId,
    [property: JsonPropertyName("definition")] WorkflowDefinition Definition,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("traceparent")] string? TraceParent = null,
    [property: JsonPropertyName("parent_task_id")] string? ParentTaskId = null);
