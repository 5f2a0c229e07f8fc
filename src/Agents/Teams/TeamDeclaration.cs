using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>A hierarchical team as the operator declared it: who takes each layer, who plans, and the policies its runs follow.</summary>
/// <param name="Id">The team id, 3-<see cref="TeamRules.MaxIdLength"/> characters <c>[a-z0-9-]</c>.</param>
/// <param name="Name">A display name; the id when none was given.</param>
/// <param name="Description">What the team is for; empty when not given.</param>
/// <param name="Members">The members by role, each a named agent or a selection by capability.</param>
/// <param name="Planners">Who plans each layer.</param>
/// <param name="Policies">Retries, reassignment, escalation, budgets and approval points.</param>
/// <param name="Channel">The id of the team's channel, created and owned by the platform.</param>
public sealed record TeamDeclaration(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("members")] IReadOnlyList<TeamMember> Members,
    [property: JsonPropertyName("planners")] TeamPlanners Planners,
    [property: JsonPropertyName("policies")] TeamPolicies Policies,
    [property: JsonPropertyName("channel")] string Channel)
{
    /// <summary>The definitions the declaration was compiled to when it was declared; null for a declaration not compiled yet (just
    /// read) or stored by a build that did not record them.</summary>
    [JsonPropertyName("compiled")]
    public TeamCompiledDefinitions? Compiled { get; init; }
}
