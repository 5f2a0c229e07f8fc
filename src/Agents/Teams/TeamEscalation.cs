using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>When a failure goes up a layer, and how a human is asked.</summary>
/// <param name="ToCoordinatorAfter">Failed attempts of one sub-task before its coordinator is asked (at most the retry budget).</param>
/// <param name="ToManagerAfter">How often a goal's coordinator is asked (each <c>retry</c> or <c>replan</c> answer runs what remains
/// again) before the goal fails up to the manager.</param>
/// <param name="Human">The human escalation policy; null (a team stored before it existed) means <see cref="TeamHumanEscalation.Standard"/>.</param>
public sealed record TeamEscalation(int ToCoordinatorAfter, int ToManagerAfter, TeamHumanEscalation? Human = null)
{
    /// <summary>Failed attempts of one sub-task before its coordinator is asked.</summary>
    [JsonPropertyName("to_coordinator_after")]
    public int ToCoordinatorAfter { get; init; } = ToCoordinatorAfter;

    /// <summary>How often a goal's coordinator is asked before the goal fails up to the manager.</summary>
    [JsonPropertyName("to_manager_after")]
    public int ToManagerAfter { get; init; } = ToManagerAfter;

    /// <summary>Who answers the manager's <c>ask_human</c>, how long the run waits and the decision when nobody answers.</summary>
    [JsonPropertyName("human")]
    public TeamHumanEscalation Human { get; init; } = Human ?? TeamHumanEscalation.Standard;
}
