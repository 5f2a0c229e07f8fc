using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The output of a goal run: the goal with its sub-tasks, whether its work completed, and the coordinator's escalation.</summary>
/// <param name="Status"><c>completed</c> when the sub-tasks' work completed (at first or after the coordinator's answer), else
/// <c>failed</c> (the goal run then fails with <paramref name="Error"/>).</param>
/// <param name="Error">Why the work did not complete; null when it did.</param>
/// <param name="Goal">The goal as the project tree shows it.</param>
/// <param name="Escalations">The coordinator's escalation, when it was asked.</param>
public sealed record TeamGoalReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("goal")] TeamGoalView Goal,
    [property: JsonPropertyName("escalations")] IReadOnlyList<TeamEscalationView> Escalations);
