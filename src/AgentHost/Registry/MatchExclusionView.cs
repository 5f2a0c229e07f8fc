using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Registry;

namespace AgentPlatform.AgentHost.Registry;

/// <summary>An agent holding a requested capability that was not a candidate, and why.</summary>
public sealed record MatchExclusionView(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("role")] string? Role)
{
    /// <summary>The view of <paramref name="exclusion"/>.</summary>
    public static MatchExclusionView From(AgentExclusion exclusion)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        var reason = exclusion.Reason switch
        {
            ExclusionReason.BelowMinConfidence => "below_min_confidence",
            ExclusionReason.Offline => "offline",
            ExclusionReason.Busy => "busy",
            ExclusionReason.Waiting => "waiting",
            ExclusionReason.OtherRole => "other_role",
            ExclusionReason.NotInCandidateSet => "not_in_candidate_set",
            _ => "error",
        };
        return new MatchExclusionView(exclusion.AgentId, exclusion.Score, AgentStatusNames.Of(exclusion.Status), reason, AgentRoles.NameOf(exclusion.Role));
    }
}
