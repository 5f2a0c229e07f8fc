using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Waits for a duration, until an absolute time, or for an external event; exactly one of
/// <see cref="Duration"/>, <see cref="Until"/> and <see cref="Event"/> is set.</summary>
public sealed record WaitStep : WorkflowStep
{
    /// <summary>How long to wait (for example <c>30s</c>, <c>5m</c>, <c>PT30S</c>).</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    /// <summary>The absolute time to wait for, ISO 8601 with offset (for example <c>2026-01-01T00:00:00Z</c>).</summary>
    [JsonPropertyName("until")]
    public string? Until { get; init; }

    /// <summary>The external event to wait for; its payload becomes the step output.</summary>
    [JsonPropertyName("event")]
    public WaitEvent? Event { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.Wait;
}
