using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>One branch of a <see cref="ParallelStep"/>.</summary>
public sealed record ParallelBranch
{
    /// <summary>The branch name, the key of its output in the parallel step's output; defaults to its index.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The branch's steps; must not be empty.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];
}
