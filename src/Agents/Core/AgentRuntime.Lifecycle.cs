using System.Collections.Frozen;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Core;

/// <summary>Starting and stopping the runtime, and agent types and agents looked up or added while it runs.</summary>
public sealed partial class AgentRuntime
{
    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopped && Volatile.Read(ref _started) is { IsCompletedSuccessfully: true })
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            _stopped = false;
            _started ??= SubscribeAsync();
            return new ValueTask(_started.IsCompletedSuccessfully ? Task.CompletedTask : _started.WaitAsync(cancellationToken));
        }
    }

    /// <inheritdoc/>
    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        _stopped = true;
        await UnsubscribeAsync();
    }

    /// <inheritdoc/>
    /// <remarks>Direct messages are counted by the actor runtime (<see cref="IActorRuntime.CallsInFlight"/>) as calls to the agent
    /// types, from the moment a call is accepted until it has ended; published messages are counted here.</remarks>
    public ValueTask StopWhenIdleAsync(CancellationToken cancellationToken = default) =>
        StopWhenAsync(() => _work.InFlight == 0 && !AgentCallsInFlight(), cancellationToken);

    /// <inheritdoc/>
    public async ValueTask StopWhenAsync(Func<bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var changed = _work.Changed();
            var callEnded = _actors.CallsInFlight.NextEnd();
            if (condition())
            {
                break;
            }

            await Task.WhenAny(changed, callEnded).WaitAsync(cancellationToken);
        }

        await StopAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<AgentId> GetAsync(string type, string key = AgentId.DefaultKey, bool lazy = true, CancellationToken cancellationToken = default)
    {
        var agent = AgentId.Create(type, key);
        if (!_agentTypes.ContainsKey(type))
        {
            throw new AgentNotFoundException(agent);
        }

        if (!lazy)
        {
            await InvokeAsync<object?, object?>(agent, BaseAgent.ActivateMethod, null, cancellationToken);
        }

        return agent;
    }

    /// <inheritdoc/>
    public AgentMetadata GetAgentMetadata(AgentId agent) =>
        agent.Type is not null && _agentTypes.TryGetValue(agent.Type, out var registration)
            ? new AgentMetadata(agent.Type, agent.Key, registration.Description)
            : throw new AgentNotFoundException(agent);

    /// <inheritdoc/>
    public ValueTask RegisterAgentTypeAsync(AgentTypeRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (_actors is not IActorTypeCatalog catalog)
        {
            throw new NotSupportedException(
                $"Agent type '{registration.Type}' cannot be added while the host runs: this actor runtime fixes its actor types at start-up (Dapr reads them once). Register it with AddAgents instead.");
        }

        lock (_gate)
        {
            if (_agentTypes.ContainsKey(registration.Type))
            {
                throw new ArgumentException($"Agent type '{registration.Type}' is already registered.", nameof(registration));
            }

            catalog.AddActorType(registration.ActorRegistration);
            _agentTypes = _agentTypes.Append(new KeyValuePair<string, AgentTypeRegistration>(registration.Type, registration))
                .ToFrozenDictionary(StringComparer.Ordinal);
            _subscriptions = [.. _subscriptions.Concat(registration.Subscriptions).DistinctBy(s => s.Id)];
        }

        return ValueTask.CompletedTask;
    }

    private bool AgentCallsInFlight()
    {
        var calls = _actors.CallsInFlight;
        foreach (var type in _agentTypes.Keys)
        {
            if (calls.Count(type) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private async Task SubscribeAsync() =>
        _subscription = await _pubSub.SubscribeAsync(new TopicSubscription(MessagesTopic, OnPublishedAsync));

    private async ValueTask UnsubscribeAsync()
    {
        Task? started;
        lock (_gate)
        {
            started = _started;
            _started = null;
        }

        if (started is null)
        {
            return;
        }

        try
        {
            await started;
        }
        catch (Exception e)
        {
            Log.AgentRuntimeStartFailed(_logger, e);
        }

        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }
}
