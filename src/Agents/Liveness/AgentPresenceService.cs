using System.Runtime.CompilerServices;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Liveness;

/// <summary><see cref="IAgentPresence"/> and <see cref="IAgentWorkload"/> over presence actors: each call is one turn of the agent's
/// <see cref="AgentPresenceActor"/>.</summary>
/// <remarks>Every entry a change produced is handed to the <see cref="IAgentRegistryObserver"/>s before the call returns.</remarks>
internal sealed class AgentPresenceService(IActorRuntime actors, AgentLivenessOptions options, IEnumerable<IAgentRegistryObserver> observers)
    : IAgentPresence, IAgentWorkload
{
    private readonly IAgentRegistryObserver[] _observers = [.. observers];

    /// <inheritdoc/>
    public ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeAsync<object?>(agentId, AgentPresenceActor.HeartbeatMethod, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        actors.InvokeAsync<AgentPresence>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.GetMethod, cancellationToken);

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
            && (interval < options.MinAgentHeartbeatInterval || interval > options.MaxAgentHeartbeatInterval))
        {
            throw new ArgumentException(
                $"The heartbeat interval must be between {options.MinAgentHeartbeatInterval} and {options.MaxAgentHeartbeatInterval}.", nameof(declaration));
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
        actors.InvokeAsync<AgentRegistryEntry>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.EntryMethod, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (await actors.InvokeAsync<AgentRegistryEntry?>(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.RemoveMethod, cancellationToken) is { } removed)
        {
            Observe(removed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskStartedAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeAsync<object?>(agentId, AgentPresenceActor.TaskStartedMethod, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskFinishedAsync(string agentId, bool succeeded, TimeSpan latency, CancellationToken cancellationToken = default) =>
        ChangeAsync(agentId, AgentPresenceActor.TaskFinishedMethod, new TaskOutcome(succeeded, latency), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> TaskReleasedAsync(string agentId, CancellationToken cancellationToken = default) =>
        ChangeAsync<object?>(agentId, AgentPresenceActor.TaskReleasedMethod, null, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AgentPresence> ChangeAsync<TRequest>(string agentId, string method, TRequest payload, CancellationToken cancellationToken)
    {
        var reply = await actors.InvokeAsync<TRequest, PresenceReply>(PresenceKeys.ActorIdOf(agentId), method, payload, cancellationToken);
        if (reply.Changed is { } changed)
        {
            Observe(changed);
        }

        return reply.Presence;
    }

    private void Observe(AgentRegistryEntry entry)
    {
        foreach (var observer in _observers)
        {
            observer.Observe(entry);
        }
    }
}
