using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>An instance as its step timeline and LLM spend: the fields of <see cref="WorkflowInstanceState"/> the page draws, without inputs and
/// outputs (which may be large), so a live update stays small.</summary>
public sealed record WorkflowTimelineView(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("definition_id")] string DefinitionId,
    [property: JsonPropertyName("definition_version")] int DefinitionVersion,
    [property: JsonPropertyName("status")] WorkflowStatus Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("steps")] IReadOnlyList<WorkflowStepView> Steps,
    [property: JsonPropertyName("spend")] RunSpend? Spend = null)
{
    /// <summary>The timeline of <paramref name="state"/>.</summary>
    public static WorkflowTimelineView From(WorkflowInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new WorkflowTimelineView(state.InstanceId, state.DefinitionId, state.DefinitionVersion, state.Status, state.Error,
            state.StartedAt, state.EndedAt,
            [.. state.Steps.Select(s => new WorkflowStepView(s.StepId, s.Kind, s.Status, s.Attempts, s.StartedAt, s.EndedAt, s.Error))],
            state.Spend);
    }
}
