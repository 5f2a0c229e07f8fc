namespace AgentPlatform.Agents.Identity;

/// <summary>The durable registry of agents: profiles, unique names and API keys.</summary>
/// <remarks>
/// Callers validate input with <see cref="AgentProfileRules"/> first; the store assumes valid input. Key rotation,
/// revocation and deletion take effect for every <see cref="VerifyKeyAsync"/> that starts after they return.
/// </remarks>
public interface IAgentIdentityStore
{
    /// <summary>Registers a new agent and issues its first API key.</summary>
    /// <exception cref="AgentNameTakenException">Another agent holds the name (names compare case-insensitively).</exception>
    ValueTask<RegisteredAgent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Reads an agent's profile; null when there is no such agent.</summary>
    ValueTask<AgentProfile?> GetAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Applies a partial update; returns the new profile, or null when there is no such agent.</summary>
    ValueTask<AgentProfile?> UpdateAsync(string agentId, AgentProfileUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Replaces every key of the agent with a new one; returns it, or null when there is no such agent.</summary>
    ValueTask<string?> RotateKeyAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every key of the agent; false when there is no such agent.</summary>
    ValueTask<bool> RevokeKeysAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the agent, its keys and its name; false when there is no such agent.</summary>
    ValueTask<bool> DeleteAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Checks a presented API key.</summary>
    ValueTask<ApiKeyVerification> VerifyKeyAsync(string presentedKey, CancellationToken cancellationToken = default);

    /// <summary>Lists agents in registration order, keeping those <paramref name="filter"/> accepts.</summary>
    /// <param name="after">The cursor of the previous page, or null for the first.</param>
    /// <param name="limit">The most agents to return (1-1000).</param>
    /// <param name="filter">Keeps an agent when it returns true; null keeps all.</param>
    /// <param name="examineAtMost">The most agents to examine for this page, kept or not; when it is reached first the page
    /// holds fewer than <paramref name="limit"/> agents (possibly none) and its cursor continues after the last one examined,
    /// so a selective filter over a large directory costs a bounded amount of work per call. Null examines until the page
    /// is full.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <exception cref="FormatException"><paramref name="after"/> is not a cursor this store issued.</exception>
    ValueTask<AgentPage> ListAsync(
        string? after,
        int limit,
        Func<AgentProfile, CancellationToken, ValueTask<bool>>? filter = null,
        int? examineAtMost = null,
        CancellationToken cancellationToken = default);
}
