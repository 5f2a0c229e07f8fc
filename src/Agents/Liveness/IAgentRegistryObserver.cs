namespace AgentPlatform.Agents.Liveness;

/// <summary>Told synchronously of every <see cref="AgentRegistryEntry"/> a change made through this process's
/// <see cref="IAgentPresence"/> or <see cref="IAgentWorkload"/> produced, before that call returns.</summary>
/// <remarks>This is what makes a change visible to the next match in this process at once; the published event (which may also
/// arrive here, later and more than once) is what tells other processes. Implementations must be fast, thread-safe and idempotent.</remarks>
public interface IAgentRegistryObserver
{
    /// <summary>Takes note of a changed entry.</summary>
    void Observe(AgentRegistryEntry entry);
}
