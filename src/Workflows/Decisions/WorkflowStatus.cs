using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The lifecycle status of an instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>No <c>WorkflowStarted</c> event yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Started and not finished.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Finished successfully.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Finished with an error.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Stopped by an operator.</summary>
    [JsonStringEnumMemberName("terminated")]
    Terminated,
}
