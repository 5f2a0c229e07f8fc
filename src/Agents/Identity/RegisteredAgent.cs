namespace AgentPlatform.Agents.Identity;

/// <summary>The result of a registration: the stored profile and the API key, which is never shown again.</summary>
/// <param name="Profile">The stored profile.</param>
/// <param name="ApiKey">The key to give the agent.</param>
public sealed record RegisteredAgent(AgentProfile Profile, string ApiKey);
