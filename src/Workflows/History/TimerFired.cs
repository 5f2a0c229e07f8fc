using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>A timer became due. Ignored when the timer was cancelled or is no longer needed.</summary>
public sealed record TimerFired : WorkflowEvent
{
    /// <summary>The timer id from <see cref="TimerCreated.TimerId"/>.</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }
}
