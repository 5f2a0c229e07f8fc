namespace AgentPlatform.Agents.Identity;

/// <summary>The outcome of checking a presented API key.</summary>
/// <param name="Status">Whether the key is valid and, if not, why.</param>
/// <param name="AgentId">The agent the key belongs to, when valid.</param>
/// <param name="KeyId">The key id, when the key was well-formed.</param>
public sealed record ApiKeyVerification(ApiKeyStatus Status, string? AgentId, string? KeyId)
{
    /// <summary>True when the key authenticates <see cref="AgentId"/>.</summary>
    public bool IsValid => Status == ApiKeyStatus.Valid;
}
