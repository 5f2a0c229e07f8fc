using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>Names the agent that takes a place in a team: one agent by id, or the best matches of a capability request.</summary>
/// <param name="AgentId">A registered agent; null when <paramref name="Capabilities"/> selects.</param>
/// <param name="Capabilities">Capability name → weight, matched through the registry; null when <paramref name="AgentId"/> names one.</param>
/// <param name="MinConfidence">The least match score of a selected agent, in [0, 1].</param>
public sealed record AgentSelection(
    [property: JsonPropertyName("agent")] string? AgentId,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double>? Capabilities,
    [property: JsonPropertyName("min_confidence")] double MinConfidence = 0);
