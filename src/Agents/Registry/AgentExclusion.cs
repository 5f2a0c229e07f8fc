using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Agents.Registry;

/// <summary>An agent holding a requested capability that is not a candidate, and why.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Score">Its weighted share of the request.</param>
/// <param name="Status">Its status.</param>
/// <param name="Reason">Why it was excluded; a role reason wins over a status reason, which wins over a low score.</param>
/// <param name="Role">Its team role, if any.</param>
public sealed record AgentExclusion(string AgentId, double Score, AgentStatus Status, ExclusionReason Reason, Identity.AgentRole? Role = null);
