using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>The first event of every history: which definition runs, with which input.</summary>
public sealed record WorkflowStarted : WorkflowEvent
{
    /// <summary>The instance id.</summary>
    [JsonPropertyName("instance_id")]
    public required string InstanceId { get; init; }

    /// <summary>The definition id.</summary>
    [JsonPropertyName("definition_id")]
    public required string DefinitionId { get; init; }

    /// <summary>The definition version the instance keeps for its whole life.</summary>
    [JsonPropertyName("definition_version")]
    public required int DefinitionVersion { get; init; }

    /// <summary>The workflow input (usually an object); absent means JSON null.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The W3C <c>traceparent</c> current when the instance was started (for example the HTTP request's), the parent of
    /// its steps when nothing else is; absent in histories written before it existed or when nothing was traced.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }

    /// <summary>For a child workflow: the parent's task id (<c>{parent}:{step}:{attempt}</c>) of the attempt that started it, to
    /// which its outcome is reported; absent for root instances.</summary>
    [JsonPropertyName("parent_task_id")]
    public string? ParentTaskId { get; init; }
}
