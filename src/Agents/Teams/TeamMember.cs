using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Agents.Teams;

/// <summary>One place in a team: a role and who takes it.</summary>
/// <param name="Role">The layer.</param>
/// <param name="Selection">The agent, or the capability request that selects agents.</param>
/// <param name="Count">How many agents a capability selection takes (1 for a named agent).</param>
public sealed record TeamMember(
    [property: JsonPropertyName("role")] AgentRole Role,
    [property: JsonPropertyName("selection")] AgentSelection Selection,
    [property: JsonPropertyName("count")] int Count = 1);
