using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>Who answers when the manager asks a human (<c>ask_human</c>), how long the run waits, and what happens when nobody answers.</summary>
/// <param name="Approvers">Who may answer: <c>operator</c>, a role name or an agent id.</param>
/// <param name="TimeoutSeconds">How long the run waits for the answer.</param>
/// <param name="Default">The decision when nobody answers in time: one of <see cref="TeamRules.HumanDecisions"/>.</param>
public sealed record TeamHumanEscalation(
    [property: JsonPropertyName("approvers")] IReadOnlyList<string> Approvers,
    [property: JsonPropertyName("timeout_seconds")] int TimeoutSeconds,
    [property: JsonPropertyName("default")] string Default)
{
    /// <summary>The policy of a team that declares none: the operator or a manager answers within an hour, else the run gives up.</summary>
    public static TeamHumanEscalation Standard { get; } = new([TeamRules.OperatorApprover, "manager"], 3600, "give_up");
}
