using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Registry;

/// <summary>Why an agent holding a requested capability is not a candidate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExclusionReason>))]
public enum ExclusionReason
{
    /// <summary>Its score is below the request's <c>min_confidence</c> (or zero).</summary>
    BelowMinConfidence,

    /// <summary>It is offline.</summary>
    Offline,

    /// <summary>It is at its task limit or declared busy.</summary>
    Busy,

    /// <summary>It declared itself waiting on another agent or a human.</summary>
    Waiting,

    /// <summary>Its last task failed and it has not recovered.</summary>
    Error,

    /// <summary>The request names a team role and the agent has another one, or none; this reason wins over every other but
    /// <see cref="NotInCandidateSet"/>.</summary>
    OtherRole,

    /// <summary>The request limits its candidates to a set of agents (a step's <c>agents</c>, a team's members) and the agent is not in
    /// it; this reason wins over every other.</summary>
    NotInCandidateSet,
}
