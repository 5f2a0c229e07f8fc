using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>JoinBranches</c> command: a parallel step's join condition held.</summary>
public sealed record BranchJoined : WorkflowEvent
{
    /// <summary>The parallel step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>Indexes of the branches that had completed when the join held, ascending.</summary>
    [JsonPropertyName("branches")]
    public required IReadOnlyList<int> Branches { get; init; }
}
