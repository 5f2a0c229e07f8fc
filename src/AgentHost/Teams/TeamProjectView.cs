using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>A project run as a tree, project → goals → sub-tasks, read from the run's and its goal runs' status and history; it is
/// also the report the run ends with (its output).</summary>
/// <param name="Team">The team id.</param>
/// <param name="Run">The run id (the workflow instance id).</param>
/// <param name="Status"><c>planning</c>, <c>running</c>, <c>escalated</c>, <c>completed</c>, <c>failed</c> or <c>terminated</c>.</param>
/// <param name="Phase">The step the run is at: <c>members</c>, <c>manager</c>, <c>plan</c>, <c>goals</c>, <c>escalate</c>, <c>report</c>, or
/// <c>done</c>.</param>
/// <param name="Error">Why the run (or its work) failed; null otherwise.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="EndedAt">When it ended; null while it runs.</param>
/// <param name="Goals">The manager's goals in plan order; empty until the goals are recorded.</param>
/// <param name="Escalations">The escalation levels asked so far (<c>coordinator</c> once per goal run that asked, then <c>manager</c>
/// and <c>human</c>), each with its answer.</param>
/// <param name="Totals">Counts and spend over every sub-task.</param>
/// <param name="Executors">The team's executors for this run, resolved when it started (only they take its sub-tasks); null until
/// they are resolved.</param>
public sealed record TeamProjectView(
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("run")] string Run,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("goals")] IReadOnlyList<TeamGoalView> Goals,
    [property: JsonPropertyName("escalations")] IReadOnlyList<TeamEscalationView> Escalations,
    [property: JsonPropertyName("totals")] TeamProjectTotals Totals,
    [property: JsonPropertyName("executors")] IReadOnlyList<string>? Executors = null);
