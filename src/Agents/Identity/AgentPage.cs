namespace AgentPlatform.Agents.Identity;

/// <summary>One page of registered agents in registration order.</summary>
/// <param name="Agents">The agents of this page.</param>
/// <param name="NextCursor">Pass as <c>after</c> to read the next page; null at the end.</param>
public sealed record AgentPage(IReadOnlyList<AgentProfile> Agents, string? NextCursor);
