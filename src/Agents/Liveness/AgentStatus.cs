using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Whether an agent can take work, as derived from its heartbeats; serialized as its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    /// <summary>Heartbeating and idle: may be matched to work.</summary>
    Available,

    /// <summary>Heartbeating but busy: alive, not matched to new work.</summary>
    Busy,

    /// <summary>Never seen, removed, or missed too many heartbeats.</summary>
    Offline,
}
