using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>How a team's runs treat failures, spend and human approval.</summary>
/// <param name="RetryBudget">Attempts per sub-task, the first included.</param>
/// <param name="Reassignment">True to move a failed attempt to the next-best executor rather than the same one.</param>
/// <param name="Escalation">When a failure goes up a layer.</param>
/// <param name="Budgets">Spend limits of one run; null fields are unlimited.</param>
/// <param name="Approvals">The points of a run that wait for a human or agent approval.</param>
public sealed record TeamPolicies(
    [property: JsonPropertyName("retry_budget")] int RetryBudget,
    [property: JsonPropertyName("reassignment")] bool Reassignment,
    [property: JsonPropertyName("escalation")] TeamEscalation Escalation,
    [property: JsonPropertyName("budgets")] TeamBudgets Budgets,
    [property: JsonPropertyName("approvals")] IReadOnlyList<TeamApproval> Approvals);
