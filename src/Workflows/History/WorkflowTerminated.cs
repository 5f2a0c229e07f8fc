using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Appended by the runner when an operator terminates the instance; later task and timer events are ignored.</summary>
public sealed record WorkflowTerminated : WorkflowEvent
{
    /// <summary>Why the instance was terminated.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}
