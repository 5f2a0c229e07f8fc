using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Operations;

/// <summary>One line of the instance list: which definition an instance runs and how far it got.</summary>
public sealed record WorkflowInstanceSummary
{
    /// <summary>The instance id.</summary>
    [JsonPropertyName("instance_id")]
    public required WorkflowInstanceId InstanceId { get; init; }

    /// <summary>The definition id.</summary>
    [JsonPropertyName("definition_id")]
    public required string DefinitionId { get; init; }

    /// <summary>The definition version the instance runs.</summary>
    [JsonPropertyName("definition_version")]
    public required int DefinitionVersion { get; init; }

    /// <summary>The lifecycle status; updated when the instance finishes.</summary>
    [JsonPropertyName("status")]
    public required WorkflowStatus Status { get; init; }

    /// <summary>When the instance was started.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance finished, if it has.</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }
}
