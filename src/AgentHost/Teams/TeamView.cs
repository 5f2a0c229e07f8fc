using System.Text.Json.Serialization;
using AgentPlatform.Agents.Teams;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>A declared team in the shape of its declaration (with defaults filled in), so it can be sent back as it is.</summary>
public sealed record TeamView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("members")] IReadOnlyList<TeamMemberView> Members,
    [property: JsonPropertyName("planners")] TeamPlannersView Planners,
    [property: JsonPropertyName("policies")] TeamPolicies Policies,
    [property: JsonPropertyName("channel")] string Channel)
{
    /// <summary>The view of <paramref name="team"/>.</summary>
    public static TeamView From(TeamDeclaration team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new TeamView(
            team.Id, team.Name, team.Description, [.. team.Members.Select(TeamMemberView.From)],
            new TeamPlannersView(TeamSelectionView.From(team.Planners.Manager), TeamSelectionView.From(team.Planners.Coordinator)),
            team.Policies, team.Channel);
    }
}
