using System.Text.Json.Serialization;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>How an agent's tasks went, as matching ranks by it.</summary>
public sealed record AgentTrackRecordView(
    [property: JsonPropertyName("successes")] long Successes,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("success_rate")] double SuccessRate,
    [property: JsonPropertyName("latency_ewma_ms")] double? LatencyEwmaMs)
{
    /// <summary>The view of <paramref name="track"/>.</summary>
    public static AgentTrackRecordView From(AgentTrackRecord track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return new AgentTrackRecordView(track.Successes, track.Failures, track.SuccessRate, track.LatencyEwmaMs);
    }
}
