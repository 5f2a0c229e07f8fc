using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Liveness;

/// <summary><see cref="IAgentPresence"/> over presence actors: each call is one turn of the agent's <see cref="AgentPresenceActor"/>.</summary>
internal sealed class AgentPresenceService(IActorRuntime actors) : IAgentPresence
{
    /// <inheritdoc/>
    public ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<AgentPresence>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.HeartbeatMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<AgentPresence>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.GetMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> SetBusyAsync(string agentId, bool busy, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<bool, AgentPresence>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.SetBusyMethod, busy, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.RemoveMethod, cancellationToken);
}
