using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>How a task attempt ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentTaskEnd>))]
public enum AgentTaskEnd
{
    /// <summary>The agent posted an output.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The agent posted an error.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The agent handed the task back.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>The agent's lease ran out without a heartbeat.</summary>
    [JsonStringEnumMemberName("timed_out")]
    TimedOut,

    /// <summary>The agent went offline while holding it.</summary>
    [JsonStringEnumMemberName("orphaned")]
    Orphaned,

    /// <summary>The dispatcher's caller no longer needed it (timed out, terminated, abandoned).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>No agent could ever take it (an explicit agent that is not registered, an invalid capability request).</summary>
    [JsonStringEnumMemberName("unassignable")]
    Unassignable,
}
