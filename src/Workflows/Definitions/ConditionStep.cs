using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Evaluates a boolean expression and runs <see cref="Then"/> or <see cref="Else"/>; the steps of the other
/// list are recorded as skipped.</summary>
public sealed record ConditionStep : WorkflowStep
{
    /// <summary>The condition, in the expression language of <c>docs/workflows.md</c>.</summary>
    [JsonPropertyName("if")]
    public string If { get; init; } = "";

    /// <summary>The steps run when the condition is true.</summary>
    [JsonPropertyName("then")]
    public IReadOnlyList<WorkflowStep> Then { get; init; } = [];

    /// <summary>The steps run when the condition is false.</summary>
    [JsonPropertyName("else")]
    public IReadOnlyList<WorkflowStep> Else { get; init; } = [];

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Condition;
}
