using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Agents.Registry;

/// <summary>An agent that may take the requested work, with what it was ranked by.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Score">Its weighted share of the request, in [0, 1].</param>
/// <param name="Status"><see cref="AgentStatus.Idle"/> or <see cref="AgentStatus.Working"/>.</param>
/// <param name="Load">Tasks in flight.</param>
/// <param name="MaxConcurrentTasks">Its task limit.</param>
/// <param name="TrackRecord">How its tasks went.</param>
/// <param name="Role">Its team role, if any.</param>
public sealed record AgentCandidate(
    string AgentId, double Score, AgentStatus Status, int Load, int MaxConcurrentTasks, AgentTrackRecord TrackRecord, Identity.AgentRole? Role = null);
