using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded by the runner for a <c>CancelTimer</c> command before it unregisters the reminder.</summary>
public sealed record TimerCancelled : WorkflowEvent
{
    /// <summary>The timer id from <see cref="TimerCreated.TimerId"/>.</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }
}
