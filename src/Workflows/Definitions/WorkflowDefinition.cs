using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>A versioned workflow definition: data loaded from YAML or JSON, validated by <c>WorkflowValidator</c>.</summary>
/// <remarks>Running instances keep the definition (id and version) they started with; a new version is a new definition.</remarks>
public sealed record WorkflowDefinition
{
    /// <summary>The definition id, stable across versions (for example <c>invoice-review</c>).</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The version number; must be at least 1.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    /// <summary>Free text shown to operators.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Optional hints describing the expected workflow input fields, by field name.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyDictionary<string, InputParameter>? Inputs { get; init; }

    /// <summary>The most one run may spend on LLM calls; only the host's process-wide budget applies when absent.</summary>
    [JsonPropertyName("budget")]
    public WorkflowBudget? Budget { get; init; }

    /// <summary>The top-level step list.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<WorkflowStep> Steps { get; init; } = [];

    /// <summary>Optional output mapping (any JSON whose strings may hold <c>${...}</c> references);
    /// when absent the workflow output is the output of the last top-level step.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }
}
