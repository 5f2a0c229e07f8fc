using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.Workflows.Operations;

/// <summary>One page of the instance list, ordered by instance id.</summary>
/// <param name="Instances">The summaries of this page.</param>
/// <param name="NextCursor">Pass as <c>after</c> to read the next page; null on the last page.</param>
public sealed record WorkflowInstancePage(
    [property: JsonPropertyName("instances")] IReadOnlyList<WorkflowInstanceSummary> Instances,
    [property: JsonPropertyName("next_cursor")] string? NextCursor)
{
    /// <summary>Cuts one page out of an engine's whole index, as <see cref="IWorkflowClient.ListInstancesAsync"/> defines it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not 1 to 1000.</exception>
    public static WorkflowInstancePage Of(IEnumerable<WorkflowInstanceSummary> all, WorkflowStatus? status, int limit, string? after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        var page = all
            .Where(s => status is null || s.Status == status)
            .Where(s => after is null || string.CompareOrdinal(s.InstanceId.Value, after) > 0)
            .OrderBy(s => s.InstanceId.Value, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var next = page.Count > limit ? page[limit - 1].InstanceId.Value : null;
        return new WorkflowInstancePage(page.Take(limit).ToList(), next);
    }
}
