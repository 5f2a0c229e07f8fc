using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Where a task attempt stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentTaskState>))]
public enum AgentTaskState
{
    /// <summary>No agent can take it yet; matching is tried again with back-off.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>An agent holds it.</summary>
    [JsonStringEnumMemberName("assigned")]
    Assigned,

    /// <summary>It ended; see <see cref="AgentTaskEnd"/>.</summary>
    [JsonStringEnumMemberName("finished")]
    Finished,
}
