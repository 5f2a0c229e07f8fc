namespace AgentPlatform.Api;

/// <summary>The agent an authenticated request acts as.</summary>
/// <param name="AgentId">The calling agent's id; handlers act only on this agent's own resources.</param>
/// <param name="KeyId">The id of the API key used (never the secret).</param>
public sealed record AgentCaller(string AgentId, string KeyId);
