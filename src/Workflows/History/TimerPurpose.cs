using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Why a timer exists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimerPurpose>))]
public enum TimerPurpose
{
    /// <summary>The delay before a retry attempt.</summary>
    [JsonStringEnumMemberName("backoff")]
    Backoff,

    /// <summary>A wait step's duration or absolute time.</summary>
    [JsonStringEnumMemberName("wait")]
    Wait,

    /// <summary>The timeout of one task attempt.</summary>
    [JsonStringEnumMemberName("task_timeout")]
    TaskTimeout,

    /// <summary>The timeout of a wait for an external event.</summary>
    [JsonStringEnumMemberName("event_timeout")]
    EventTimeout,
}
