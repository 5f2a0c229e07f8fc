using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>Who plans each layer of a team; a layer without a planner is planned by its own members.</summary>
/// <param name="Manager">Decomposes a project into goals.</param>
/// <param name="Coordinator">Decomposes a goal into sub-tasks.</param>
public sealed record TeamPlanners(
    [property: JsonPropertyName("manager")] AgentSelection? Manager = null,
    [property: JsonPropertyName("coordinator")] AgentSelection? Coordinator = null);
