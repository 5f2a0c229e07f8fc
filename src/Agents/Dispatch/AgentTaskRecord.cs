using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The persisted state of one task attempt in its <see cref="AgentTaskActor"/>.</summary>
internal sealed record AgentTaskRecord
{
    [JsonPropertyName("task")]
    public required AgentTask Task { get; init; }

    [JsonPropertyName("state")]
    public AgentTaskState State { get; init; }

    [JsonPropertyName("dispatched_at")]
    public DateTimeOffset DispatchedAt { get; init; }

    [JsonPropertyName("agent_id")]
    public string? AgentId { get; init; }

    [JsonPropertyName("in_process")]
    public bool InProcess { get; init; }

    [JsonPropertyName("assigned_at")]
    public DateTimeOffset? AssignedAt { get; init; }

    [JsonPropertyName("lease_until")]
    public DateTimeOffset? LeaseUntil { get; init; }

    [JsonPropertyName("match_tries")]
    public int MatchTries { get; init; }

    [JsonPropertyName("end")]
    public AgentTaskEnd? End { get; init; }

    /// <summary>When the attempt ended (null while it runs, and in records stored before this was kept).</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("usage")]
    public AgentTaskUsage? Usage { get; init; }

    [JsonIgnore]
    public DateTimeOffset? Deadline => Task.Timeout is { } timeout ? DispatchedAt + timeout : null;

    /// <summary>The outcome to report, for an attempt that ended on its own (not cancelled by the dispatcher's caller).</summary>
    [JsonIgnore]
    public AgentTaskOutcome? Outcome => End is null or AgentTaskEnd.Cancelled
        ? null
        : new AgentTaskOutcome(Task.TaskId, End == AgentTaskEnd.Completed, Output, Error, AgentId, Usage);

    public AgentTaskStatus ToStatus() =>
        new(Task.TaskId, Task.StepId, Task.Attempt, State, AgentId, State == AgentTaskState.Assigned ? LeaseUntil : null, Deadline, End, Error);
}
