using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Register a durable timer. Recorded as <see cref="TimerCreated"/>; when due, the runner appends
/// <see cref="TimerFired"/> with the same <see cref="TimerId"/>.</summary>
public sealed record CreateTimer : WorkflowCommand
{
    /// <summary>The timer id, unique in the instance: <c>timeout:{step}:{attempt}</c>, <c>backoff:{step}:{attempt}</c>
    /// (the attempt it precedes), <c>wait:{step}</c> or <c>event-timeout:{step}</c>.</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }

    /// <summary>The step the timer belongs to.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>When the timer is due (computed from the timestamp of the event that made the timer necessary).</summary>
    [JsonPropertyName("fire_at")]
    public required DateTimeOffset FireAt { get; init; }

    /// <summary>Why the timer exists.</summary>
    [JsonPropertyName("purpose")]
    public required TimerPurpose Purpose { get; init; }

    /// <inheritdoc/>
    public override WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp) => new TimerCreated
    {
        Sequence = sequence,
        Timestamp = timestamp,
        TimerId = TimerId,
        StepId = StepId,
        FireAt = FireAt,
        Purpose = Purpose,
    };
}
