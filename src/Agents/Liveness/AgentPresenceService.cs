using System.Runtime.CompilerServices;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Liveness;

/// <summary><see cref="IAgentPresence"/> and <see cref="IAgentWorkload"/> over presence actors: each call is a turn of the agent's
/// <see cref="AgentPresenceActor"/>.</summary>
/// <remarks>Every entry a change produced is handed to the <see cref="IAgentRegistryObserver"/>s before the call returns. Task starts,
/// finishes and releases of one agent that arrive while a call to its actor carries others wait and go together in the next call,
/// one turn and one commit (an agent posting a batch of results would otherwise queue one commit per result on its actor).</remarks>
internal sealed class AgentPresenceService : IAgentPresence, IAgentWorkload, IDisposable
{
    private readonly IActorRuntime _actors;
    private readonly AgentLivenessOptions _options;
    private readonly IAgentRegistryObserver[] _observers;
    private readonly ActorCallBatcher<TaskWorkChange, PresenceReply> _workChanges;

    public AgentPresenceService(IActorRuntime actors, AgentLivenessOptions options, IEnumerable<IAgentRegistryObserver> observers)
    {
        _actors = actors;
        _options = options;
        _observers = [.. observers];
        _workChanges = ActorCallBatcher.WithSharedReply<TaskWorkChange, PresenceReply>(async (presence, changes, cancellationToken) =>
            Observed(await _actors.InvokeAsync<IReadOnlyList<TaskWorkChange>, PresenceReply>(presence, AgentPresenceActor.WorkChangesMethod, changes, cancellationToken)));
    }

    /// <inheritdoc/>
    public ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeAsync<object?>(agentId, AgentPresenceActor.HeartbeatMethod, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        _actors.InvokeAsync<AgentPresence>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.GetMethod, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> ReportStatusAsync(string agentId, DeclaredStatus status, CancellationToken cancellationToken = default) =>
        ChangeAsync(agentId, AgentPresenceActor.ReportStatusMethod, status, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> DeclareAsync(string agentId, AgentDeclaration declaration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (declaration.MaxConcurrentTasks is < 1 or > AgentDeclaration.MaxTaskLimit)
        {
            throw new ArgumentException($"The task limit must be between 1 and {AgentDeclaration.MaxTaskLimit}.", nameof(declaration));
        }

        if (declaration.HeartbeatInterval is { } interval
            && (interval < _options.MinAgentHeartbeatInterval || interval > _options.MaxAgentHeartbeatInterval))
        {
            throw new ArgumentException(
                $"The heartbeat interval must be between {_options.MinAgentHeartbeatInterval} and {_options.MaxAgentHeartbeatInterval}.", nameof(declaration));
        }

        if (declaration.Capabilities is { } capabilities)
        {
            var errors = new List<ProfileError>();
            AgentProfileRules.ValidateCapabilities(capabilities, errors);
            if (errors.Count > 0)
            {
                throw new ArgumentException($"The capabilities are invalid: {errors[0].Field} {errors[0].Message}.", nameof(declaration));
            }
        }

        return ChangeAsync(agentId, AgentPresenceActor.DeclareMethod, declaration, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<AgentRegistryEntry> GetEntryAsync(string agentId, CancellationToken cancellationToken = default) =>
        _actors.InvokeAsync<AgentRegistryEntry>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.EntryMethod, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (await _actors.InvokeAsync<AgentRegistryEntry?>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.RemoveMethod, cancellationToken) is { } removed)
        {
            Observe(removed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskStartedAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeWorkAsync(agentId, new TaskWorkChange(TaskWorkChangeKind.Started), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskFinishedAsync(string agentId, bool succeeded, TimeSpan latency, CancellationToken cancellationToken = default) =>
        ChangeWorkAsync(agentId, new TaskWorkChange(TaskWorkChangeKind.Finished, succeeded, latency), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskReleasedAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeWorkAsync(agentId, new TaskWorkChange(TaskWorkChangeKind.Released), cancellationToken);

    /// <summary>Cancels the batched calls still in flight.</summary>
    public void Dispose() => _workChanges.Dispose();

    private async ValueTask<AgentPresence> ChangeWorkAsync(string agentId, TaskWorkChange change, CancellationToken cancellationToken) =>
        (await _workChanges.SendAsync(PresenceKeys.ActorIdOf(agentId), change, cancellationToken)).Presence;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AgentPresence> ChangeAsync<TRequest>(string agentId, string method, TRequest payload, CancellationToken cancellationToken) =>
        Observed(await _actors.InvokeAsync<TRequest, PresenceReply>(PresenceKeys.ActorIdOf(agentId), method, payload, cancellationToken)).Presence;

    /// <summary>Hands the entry <paramref name="reply"/> carries, if any, to the observers, and answers the reply.</summary>
    private PresenceReply Observed(PresenceReply reply)
    {
        if (reply.Changed is { } changed)
        {
            Observe(changed);
        }

        return reply;
    }

    private void Observe(AgentRegistryEntry entry)
    {
        foreach (var observer in _observers)
        {
            observer.Observe(entry);
        }
    }
}
