using AgentPlatform.Workflows.History;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A timer created in the history that has neither fired nor been cancelled.</summary>
public sealed record ActiveTimer
{
    /// <summary>The timer id.</summary>
    [JsonPropertyName("timer_id")]
    public required string TimerId { get; init; }

    /// <summary>The step the timer belongs to.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>When it is due.</summary>
    [JsonPropertyName("fire_at")]
    public required DateTimeOffset FireAt { get; init; }

    /// <summary>Why it exists.</summary>
    [JsonPropertyName("purpose")]
    public required TimerPurpose Purpose { get; init; }
}
