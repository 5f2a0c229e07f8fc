using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Teams;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>One member of a team, in the shape a declaration gives it.</summary>
public sealed record TeamMemberView(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("agent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agent,
    [property: JsonPropertyName("capabilities"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? Capabilities,
    [property: JsonPropertyName("min_confidence"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinConfidence,
    [property: JsonPropertyName("count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count)
{
    /// <summary>The view of <paramref name="member"/>.</summary>
    public static TeamMemberView From(TeamMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var byCapability = member.Selection.Capabilities is not null;
        return new TeamMemberView(
            AgentRoles.NameOf(member.Role), member.Selection.AgentId, member.Selection.Capabilities,
            byCapability ? member.Selection.MinConfidence : null, byCapability ? member.Count : null);
    }
}
