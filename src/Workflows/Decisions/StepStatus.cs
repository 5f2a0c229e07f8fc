using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The status of one step in an instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>Not started.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Started and not finished (a task running, a backoff or wait timer pending, a nested list running).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Finished successfully; its output is set.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Finished with an error.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Will not run (untaken condition branch or passed over by a goto).</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>No longer awaited: its branch was left behind by a join, or the instance finished without it.
    /// A task it still runs is ignored when it completes.</summary>
    [JsonStringEnumMemberName("abandoned")]
    Abandoned,
}
