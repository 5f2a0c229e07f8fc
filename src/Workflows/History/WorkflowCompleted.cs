using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Recorded for a <c>CompleteWorkflow</c> command: the instance finished successfully.</summary>
public sealed record WorkflowCompleted : WorkflowEvent
{
    /// <summary>The workflow output.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }
}
