using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>An agent's public profile with its liveness, load and track record.</summary>
public sealed record AgentView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("emoji")] string? Emoji,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_heartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("load")] int Load,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("heartbeat_interval_seconds")] double? HeartbeatIntervalSeconds,
    [property: JsonPropertyName("track_record")] AgentTrackRecordView TrackRecord,
    [property: JsonPropertyName("role")] string? Role)
{
    /// <summary>Combines a profile and its presence.</summary>
    public static AgentView From(AgentProfile profile, AgentPresence presence)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(presence);
        return new AgentView(profile.Id, profile.Name, profile.Description, profile.Emoji, profile.Capabilities,
            AgentStatusNames.Of(presence.Status), presence.LastHeartbeat, profile.CreatedAt, presence.Load, presence.MaxConcurrentTasks,
            presence.HeartbeatInterval?.TotalSeconds, AgentTrackRecordView.From(presence.TrackRecord), AgentRoles.NameOf(profile.Role));
    }
}
