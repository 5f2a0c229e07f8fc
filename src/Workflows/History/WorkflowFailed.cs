using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>FailWorkflow</c> command: the instance failed.</summary>
public sealed record WorkflowFailed : WorkflowEvent
{
    /// <summary>What failed, naming the step.</summary>
    [JsonPropertyName("error")]
    public required string Error { get; init; }
}
