using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The most one run of a definition may spend on LLM calls, checked before each call with the call's worst case; the
/// process-wide budget still applies, and the tighter of the two wins.</summary>
public sealed record WorkflowBudget
{
    /// <summary>The most tokens (input and output) one run may use; no limit when absent.</summary>
    [JsonPropertyName("max_tokens")]
    public long? MaxTokens { get; init; }

    /// <summary>The most one run may cost, priced by the host's model prices; no limit when absent.</summary>
    [JsonPropertyName("max_cost")]
    public decimal? MaxCost { get; init; }
}
