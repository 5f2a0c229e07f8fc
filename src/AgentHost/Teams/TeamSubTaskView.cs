using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>One sub-task of a goal: its outcome, who ran it, how often, how long and what it spent.</summary>
/// <param name="Id">The sub-task id in its coordinator's plan.</param>
/// <param name="Step">The plan task the run ran it as (<c>work[3]</c>, or a re-run after an escalation such as <c>coordinator-retry[0]</c>).</param>
/// <param name="Status"><c>pending</c>, <c>running</c>, <c>completed</c>, <c>failed</c> or <c>abandoned</c> (its last run).</param>
/// <param name="Agent">The agent of the last attempt that reported; null before any did.</param>
/// <param name="Attempts">Attempts over every run of the sub-task.</param>
/// <param name="StartedAt">When its first attempt was scheduled.</param>
/// <param name="EndedAt">When its last run settled.</param>
/// <param name="DurationMs">From the first attempt to the end, in milliseconds; null while running.</param>
/// <param name="Spend">Model spend of its attempts.</param>
/// <param name="Error">The last error; null when none.</param>
/// <param name="Output">Its output when completed.</param>
public sealed record TeamSubTaskView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("duration_ms")] long? DurationMs,
    [property: JsonPropertyName("spend")] TeamSpendView Spend,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("output")] JsonElement? Output);
