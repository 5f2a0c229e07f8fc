using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>What became of an agent's result, heartbeat or rejection of a task.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskActStatus>))]
public enum TaskActStatus
{
    /// <summary>It took effect.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The same agent already ended the task the same way; nothing changed.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>The task had already ended otherwise (another result, timed out, cancelled, moved); nothing changed.</summary>
    [JsonStringEnumMemberName("late")]
    Late,

    /// <summary>The caller was never assigned the task; nothing changed.</summary>
    [JsonStringEnumMemberName("not_assigned")]
    NotAssigned,

    /// <summary>No such task; nothing changed.</summary>
    [JsonStringEnumMemberName("not_found")]
    NotFound,
}
