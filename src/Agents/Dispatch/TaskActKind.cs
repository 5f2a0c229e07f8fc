using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>What an agent does to a task it holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskActKind>))]
public enum TaskActKind
{
    /// <summary>Posts the output.</summary>
    [JsonStringEnumMemberName("complete")]
    Complete,

    /// <summary>Posts an error.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Extends the lease.</summary>
    [JsonStringEnumMemberName("heartbeat")]
    Heartbeat,

    /// <summary>Hands the task back.</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,
}
