using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Rights;

/// <summary><see cref="IAgentRights"/> over one <see cref="AgentRightsActor"/> per agent.</summary>
/// <remarks>Instances recorded for one agent while a recording call to its actor is in flight go together in the next call, one turn
/// and one commit: every task handed to an external agent records its instance, so an agent taking many tasks at once would
/// otherwise queue a commit per task on its actor.</remarks>
internal sealed class ActorAgentRights : IAgentRights, IDisposable
{
    private readonly IActorRuntime _actors;
    private readonly ActorCallBatcher<string, bool> _recordings;

    public ActorAgentRights(IActorRuntime actors)
    {
        _actors = actors;
        _recordings = ActorCallBatcher.WithSharedReply<string, bool>((rights, instanceIds, cancellationToken) =>
            _actors.InvokeAsync<IReadOnlyList<string>, bool>(rights, AgentRightsActor.RecordStartedMethod, instanceIds, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask<AgentRights> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        _actors.InvokeAsync<AgentRights>(Address(agentId), AgentRightsActor.GetMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentRights> SetAsync(string agentId, AgentRights rights, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return _actors.InvokeAsync<AgentRights, AgentRights>(Address(agentId), AgentRightsActor.SetMethod, rights, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> CanStartAsync(string agentId, string definitionId, CancellationToken cancellationToken = default)
    {
        var rights = await GetAsync(agentId, cancellationToken);
        return rights.StartDefinitions.Contains(definitionId, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async ValueTask RecordStartedAsync(string agentId, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await _recordings.SendAsync(Address(agentId), instanceId, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask RecordWorkingForAsync(string agentId, string instanceId, CancellationToken cancellationToken = default) =>
        RecordStartedAsync(agentId, instanceId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<bool> CanRaiseEventAsync(string agentId, string instanceId, CancellationToken cancellationToken = default) =>
        _actors.InvokeAsync<string, bool>(Address(agentId), AgentRightsActor.CanRaiseEventMethod, instanceId, cancellationToken);

    /// <summary>Cancels the recordings still in flight.</summary>
    public void Dispose() => _recordings.Dispose();

    private static ActorId Address(string agentId) => ActorId.Create(AgentRightsActor.TypeName, agentId);
}
