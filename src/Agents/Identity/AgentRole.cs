using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>The layer of a hierarchical team an agent works in; an agent without a role takes no team layer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentRole>))]
public enum AgentRole
{
    /// <summary>Decomposes a project into goals and decides on escalations from its coordinators.</summary>
    [JsonStringEnumMemberName("manager")]
    Manager,

    /// <summary>Decomposes a goal into sub-tasks and schedules them on executors.</summary>
    [JsonStringEnumMemberName("coordinator")]
    Coordinator,

    /// <summary>Does the work of sub-tasks.</summary>
    [JsonStringEnumMemberName("executor")]
    Executor,
}
