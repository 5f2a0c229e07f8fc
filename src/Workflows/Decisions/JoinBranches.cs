using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Record that a parallel step's join held; no side effect beyond appending <see cref="BranchJoined"/>.</summary>
public sealed record JoinBranches : WorkflowCommand
{
    /// <summary>The parallel step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>Indexes of the completed branches, ascending.</summary>
    [JsonPropertyName("branches")]
    public required IReadOnlyList<int> Branches { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new BranchJoined { Sequence = sequence, Timestamp = timestamp, StepId = StepId, Branches = Branches };
}
