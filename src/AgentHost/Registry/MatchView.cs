using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Registry;

namespace AgentPlatform.AgentHost.Registry;

/// <summary>The answer of <c>GET /registry/match</c>.</summary>
public sealed record MatchView(
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("min_confidence")] double MinConfidence,
    [property: JsonPropertyName("candidates")] IReadOnlyList<MatchCandidateView> Candidates,
    [property: JsonPropertyName("candidate_count")] int CandidateCount,
    [property: JsonPropertyName("excluded")] IReadOnlyList<MatchExclusionView> Excluded,
    [property: JsonPropertyName("excluded_count")] int ExcludedCount,
    [property: JsonPropertyName("role")] string? Role)
{
    /// <summary>The view of <paramref name="match"/> for <paramref name="request"/>.</summary>
    public static MatchView From(CapabilityRequest request, AgentMatch match)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        return new MatchView(
            request.Weights.ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal), request.MinConfidence,
            [.. match.Candidates.Select(MatchCandidateView.From)], match.CandidateCount,
            [.. match.Excluded.Select(MatchExclusionView.From)], match.ExcludedCount, AgentRoles.NameOf(request.Role));
    }
}
