using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Who plans each layer; an absent layer is planned by its own members.</summary>
public sealed record TeamPlannersView(
    [property: JsonPropertyName("manager"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TeamSelectionView? Manager,
    [property: JsonPropertyName("coordinator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TeamSelectionView? Coordinator);
