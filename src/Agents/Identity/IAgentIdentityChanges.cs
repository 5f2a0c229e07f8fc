namespace AgentPlatform.Agents.Identity;

/// <summary>Carries identity changes made in this process to the other replicas of the host, whose caches of profiles and key
/// hashes must not outlive a rotation, revocation or deletion. Registered only when the host runs as several replicas.</summary>
public interface IAgentIdentityChanges
{
    /// <summary>Announces that <paramref name="agentId"/> changed; completes once the announcement is handed to the broker and
    /// never throws (a failure is the implementation's to report).</summary>
    ValueTask PublishAsync(string agentId, CancellationToken cancellationToken = default);
}
