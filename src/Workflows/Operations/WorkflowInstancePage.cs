using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Operations;

/// <summary>One page of the instance list, ordered by instance id.</summary>
/// <param name="Instances">The summaries of this page.</param>
/// <param name="NextCursor">Pass as <c>after</c> to read the next page; null on the last page.</param>
public sealed record WorkflowInstancePage(
    [property: JsonPropertyName("instances")] IReadOnlyList<WorkflowInstanceSummary> Instances,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);
