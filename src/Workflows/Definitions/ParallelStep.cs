using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Runs branches concurrently and finishes when the join condition holds.</summary>
public sealed record ParallelStep : WorkflowStep
{
    /// <summary>The branches, each a step list.</summary>
    [JsonPropertyName("branches")]
    public IReadOnlyList<ParallelBranch> Branches { get; init; } = [];

    /// <summary>The join mode: <c>all</c> (default), <c>any</c> or <c>n</c> (with <see cref="N"/>).</summary>
    [JsonPropertyName("join")]
    public string? Join { get; init; }

    /// <summary>How many branches must complete when <see cref="Join"/> is <c>n</c>.</summary>
    [JsonPropertyName("n")]
    public int? N { get; init; }

    /// <summary>At most this many branches in flight at once, started in branch order as earlier ones finish; null for
    /// no limit.</summary>
    [JsonPropertyName("max_concurrency")]
    public int? MaxConcurrency { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Parallel;
}
