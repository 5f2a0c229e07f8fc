using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Rights;

/// <summary><see cref="IAgentRights"/> over one <see cref="AgentRightsActor"/> per agent.</summary>
internal sealed class ActorAgentRights(IActorRuntime actors) : IAgentRights
{
    /// <inheritdoc/>
    public ValueTask<AgentRights> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<AgentRights>(Address(agentId), AgentRightsActor.GetMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentRights> SetAsync(string agentId, AgentRights rights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return actors.InvokeAsync<AgentRights, AgentRights>(Address(agentId), AgentRightsActor.SetMethod, rights, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> CanStartAsync(string agentId, string definitionId, CancellationToken cancellationToken = default)
    {
        var rights = await GetAsync(agentId, cancellationToken);
        return rights.StartDefinitions.Contains(definitionId, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async ValueTask RecordStartedAsync(string agentId, string instanceId, CancellationToken cancellationToken = default) =>
        await actors.InvokeAsync(Address(agentId), AgentRightsActor.RecordStartedMethod, instanceId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RecordWorkingForAsync(string agentId, string instanceId, CancellationToken cancellationToken = default) =>
        RecordStartedAsync(agentId, instanceId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<bool> CanRaiseEventAsync(string agentId, string instanceId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<string, bool>(Address(agentId), AgentRightsActor.CanRaiseEventMethod, instanceId, cancellationToken);

    private static ActorId Address(string agentId) => ActorId.Create(AgentRightsActor.TypeName, agentId);
}
