using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Runs branches concurrently and finishes when the join condition holds; with <see cref="ForEach"/>, runs one copy of
/// the template <see cref="Steps"/> per item of an array evaluated at run time.</summary>
public sealed record ParallelStep : WorkflowStep
{
    /// <summary>The branches, each a step list; empty when <see cref="ForEach"/> is set.</summary>
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

    /// <summary>A reference in <c>${...}</c> to an array (for example <c>${steps.split.output.items}</c>), evaluated once when
    /// the step starts and recorded in the history; each item runs its own copy of <see cref="Steps"/>.</summary>
    [JsonPropertyName("for_each")]
    public string? ForEach { get; init; }

    /// <summary>The branch template of a <see cref="ForEach"/> step: copied once per item, the copies named
    /// <c>{step}[{item}]</c>; its references may use <c>item</c> and <c>item_index</c>.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<WorkflowStep>? Steps { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Parallel;
}
