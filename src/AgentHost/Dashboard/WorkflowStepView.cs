using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>One step on an instance's timeline.</summary>
public sealed record WorkflowStepView(
    [property: JsonPropertyName("step_id")] string StepId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("status")] StepStatus Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("error")] string? Error);
