using System.Text.Json.Serialization;
using AgentPlatform.Agents.Teams;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>An agent by id or a capability selection, in the shape a declaration gives it.</summary>
public sealed record TeamSelectionView(
    [property: JsonPropertyName("agent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agent,
    [property: JsonPropertyName("capabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? Capabilities,
    [property: JsonPropertyName("min_confidence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinConfidence)
{
    /// <summary>The view of <paramref name="selection"/>; null stays null.</summary>
    public static TeamSelectionView? From(AgentSelection? selection) => selection is null
        ? null
        : new TeamSelectionView(selection.AgentId, selection.Capabilities, selection.Capabilities is null ? null : selection.MinConfidence);
}
