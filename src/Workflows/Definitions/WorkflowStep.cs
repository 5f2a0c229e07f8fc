using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>One step of a workflow; the closed family is <see cref="AgentTaskStep"/>, <see cref="ConditionStep"/>,
/// <see cref="ParallelStep"/>, <see cref="RunPlanStep"/>, <see cref="WaitStep"/> and <see cref="ChildWorkflowStep"/>, told apart on the wire by <c>kind</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AgentTaskStep), StepKinds.AgentTask)]
[JsonDerivedType(typeof(ConditionStep), StepKinds.Condition)]
[JsonDerivedType(typeof(ParallelStep), StepKinds.Parallel)]
[JsonDerivedType(typeof(RunPlanStep), StepKinds.Plan)]
[JsonDerivedType(typeof(WaitStep), StepKinds.Wait)]
[JsonDerivedType(typeof(ChildWorkflowStep), StepKinds.Workflow)]
public abstract record WorkflowStep
{
    /// <summary>The step id, unique across the whole definition (nested steps included).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Ids of steps of the same list that must finish first. When absent the step depends on the step
    /// listed just before it (none for the first); an explicit empty list means it starts with its list.</summary>
    [JsonPropertyName("depends_on")]
    public IReadOnlyList<string>? DependsOn { get; init; }

    /// <summary>What a failure of this step does: <c>fail</c> (default), <c>continue</c> or <c>goto:&lt;step&gt;</c>;
    /// see <see cref="FailurePolicy"/>.</summary>
    [JsonPropertyName("on_failure")]
    public string? OnFailure { get; init; }

    /// <summary>Free text for operators.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The wire name of the step kind.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}
