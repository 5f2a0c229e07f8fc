using System.Text.Json.Serialization;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Registry;

namespace AgentPlatform.AgentHost.Registry;

/// <summary>A ranked candidate of a match.</summary>
public sealed record MatchCandidateView(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("load")] int Load,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("track_record")] AgentTrackRecordView TrackRecord,
    [property: JsonPropertyName("role")] string? Role)
{
    /// <summary>The view of <paramref name="candidate"/>.</summary>
    public static MatchCandidateView From(AgentCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new MatchCandidateView(candidate.AgentId, candidate.Score, AgentStatusNames.Of(candidate.Status), candidate.Load,
            candidate.MaxConcurrentTasks, AgentTrackRecordView.From(candidate.TrackRecord), AgentRoles.NameOf(candidate.Role));
    }
}
