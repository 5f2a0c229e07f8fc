using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded by the runner for a <c>CreateTimer</c> command before it registers the durable reminder.</summary>
public sealed record TimerCreated : WorkflowEvent
{
    /// <summary>The timer id, unique in the instance (see <c>CreateTimer.TimerId</c>).</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }

    /// <summary>The step the timer belongs to.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>When the timer is due.</summary>
    [JsonPropertyName("fire_at")]
    public required DateTimeOffset FireAt { get; init; }

    /// <summary>Why the timer exists.</summary>
    [JsonPropertyName("purpose")]
    public required TimerPurpose Purpose { get; init; }
}
