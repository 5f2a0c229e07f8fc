using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Runs another registered definition as a child workflow instance, <c>{instance}~{step}</c>, and completes with
/// its output.</summary>
public sealed record ChildWorkflowStep : WorkflowStep
{
    /// <summary>The id of the definition the child runs (it must be registered when the step starts).</summary>
    [JsonPropertyName("definition")]
    public string? Definition { get; init; }

    /// <summary>The definition version; the latest registered when the step starts if absent.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>The child's input: any JSON whose strings may contain <c>${...}</c> references.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The time one attempt (one child run) may take; the child is terminated when it passes.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }

    /// <summary>The retry policy; one attempt when absent. Every attempt runs a fresh child under the same id.</summary>
    [JsonPropertyName("retry")]
    public RetryPolicy? Retry { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Workflow;
}
