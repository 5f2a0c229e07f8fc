using System.Text.Json.Serialization;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>An agent's public profile with its liveness.</summary>
public sealed record AgentView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("emoji")] string? Emoji,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_heartbeat")] DateTimeOffset? LastHeartbeat,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    /// <summary>The wire names of statuses.</summary>
    public static string StatusName(AgentStatus status) => status switch
    {
        AgentStatus.Available => "available",
        AgentStatus.Busy => "busy",
        _ => "offline",
    };

    /// <summary>Combines a profile and its presence.</summary>
    public static AgentView From(AgentProfile profile, AgentPresence presence)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(presence);
        return new AgentView(profile.Id, profile.Name, profile.Description, profile.Emoji, profile.Capabilities,
            StatusName(presence.Status), presence.LastHeartbeat, profile.CreatedAt);
    }
}
