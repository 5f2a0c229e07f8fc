using System.Text.Json.Serialization;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>What changed about one agent, in the field names of <see cref="AgentView"/> so the page patches its row in place.</summary>
public sealed record AgentChangeView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("load")] int Load,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("track_record")] AgentTrackRecordView TrackRecord,
    [property: JsonPropertyName("removed")] bool Removed)
{
    /// <summary>The change carried by a registry notification.</summary>
    public static AgentChangeView From(AgentRegistryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AgentChangeView(entry.AgentId, AgentStatusNames.Of(entry.Status), entry.Load, entry.MaxConcurrentTasks,
            AgentTrackRecordView.From(entry.TrackRecord), entry.Removed);
    }
}
