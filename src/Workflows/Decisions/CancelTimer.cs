using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Remove a timer that is no longer needed. Recorded as <see cref="TimerCancelled"/>; a firing that races
/// the cancellation is ignored by the decider.</summary>
public sealed record CancelTimer : WorkflowCommand
{
    /// <summary>The timer id from <see cref="CreateTimer.TimerId"/>.</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) =>
        new TimerCancelled { Sequence = sequence, Timestamp = timestamp, TimerId = TimerId };
}
