using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Whether an agent can take work, derived from its heartbeats, its load and its last task; serialized as its name.</summary>
/// <remarks>Only <see cref="Idle"/> and <see cref="Working"/> agents are matched to new work. When several apply, the first in
/// this order wins: <see cref="Offline"/>, <see cref="Error"/>, <see cref="Waiting"/>, <see cref="Busy"/>, <see cref="Working"/>,
/// <see cref="Idle"/>.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    /// <summary>Online with no task in flight: may be matched to work.</summary>
    Idle,

    /// <summary>Online with tasks in flight, below its <c>max_concurrent_tasks</c>: may be matched to more work.</summary>
    Working,

    /// <summary>Online but at its task limit, or declared busy by heartbeat: not matched.</summary>
    Busy,

    /// <summary>Online but declared blocked on another agent or a human: not matched.</summary>
    Waiting,

    /// <summary>Its last task failed and it has not recovered (no success since, no heartbeat declaring it idle): not matched.</summary>
    Error,

    /// <summary>Never seen, removed, or missed too many heartbeats.</summary>
    Offline,
}
