using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>A point of a team run that waits for approval.</summary>
/// <param name="At">Where: one of <see cref="TeamRules.ApprovalPoints"/>.</param>
/// <param name="Approvers">Who may approve: <c>operator</c>, a role name or an agent id.</param>
/// <param name="TimeoutSeconds">How long the run waits.</param>
/// <param name="Default">The outcome when nobody answers in time: <c>approve</c> or <c>reject</c>.</param>
public sealed record TeamApproval(
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("approvers")] IReadOnlyList<string> Approvers,
    [property: JsonPropertyName("timeout_seconds")] int TimeoutSeconds,
    [property: JsonPropertyName("default")] string Default);
