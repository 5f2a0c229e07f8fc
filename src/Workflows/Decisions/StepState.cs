using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>What an instance knows about one step.</summary>
public sealed record StepState
{
    /// <summary>The step id.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The step kind (wire name).</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The status.</summary>
    [JsonPropertyName("status")]
    public required StepStatus Status { get; init; }

    /// <summary>Task attempts made so far (agent_task only), over the whole instance.</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    /// <summary>When the step started (timestamp of the event that made it ready).</summary>
    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the step finished.</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The output, once completed.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <summary>The last error, when failed (or the last failed attempt while retrying).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>For a started <c>workflow</c> step: the child instance id (the same for every attempt).</summary>
    [JsonPropertyName("child_instance_id")]
    public string? ChildInstanceId { get; init; }
}
