using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>One goal of a project run and its sub-tasks.</summary>
/// <param name="Id">The goal id from the manager's plan.</param>
/// <param name="DependsOn">The goals it waits for.</param>
/// <param name="Status"><c>pending</c> (no goal run yet) or <c>planning</c> (its coordinator plans it), then <c>running</c>, and
/// its goal run's end: <c>completed</c>, <c>failed</c> or <c>terminated</c>.</param>
/// <param name="Coordinator">The agent that planned it; null until planned.</param>
/// <param name="SubTasks">Its sub-tasks in plan order (of its latest goal run); empty until planned.</param>
public sealed record TeamGoalView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("depends_on")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("coordinator")] string? Coordinator,
    [property: JsonPropertyName("sub_tasks")] IReadOnlyList<TeamSubTaskView> SubTasks);
