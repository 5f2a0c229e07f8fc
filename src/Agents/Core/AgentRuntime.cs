using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Agents.Core;

/// <summary>The agent runtime over the runtime ports: direct messages are actor calls, published messages go through pub/sub.</summary>
/// <remarks>
/// <para>All published agent messages travel on one pub/sub topic, <see cref="MessagesTopic"/>, as an envelope carrying the
/// message id, sender, agent topic (<c>type/source</c>), message type name (also the CloudEvent type: the wire name from the
/// <see cref="MessageSerializerRegistry"/>, else the full CLR type name) and the message. One topic, rather than one per agent
/// topic type, because prefix subscriptions match topic types nobody knows in advance while Dapr reads an app's subscriptions
/// once at startup. The process that receives an event expands it against its subscriptions and calls each recipient agent
/// once, in parallel; when any recipient fails, the event is retried and the recipients that already handled it drop the
/// redelivery by message id.</para>
/// <para>Subscriptions live in the process; register a subscription where its agent type is registered.</para>
/// </remarks>
public sealed partial class AgentRuntime : IAgentRuntime, IAsyncDisposable
{
    /// <summary>The pub/sub topic carrying every published agent message.</summary>
    public const string MessagesTopic = "agents.messages";

    private readonly IActorRuntime _actors;
    private readonly IPubSub _pubSub;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MessageSerializerRegistry _serializers;
    private readonly InterventionHandler[] _interventions;
    private readonly AgentWork _work = new();
    private readonly bool _followPublishes;
    private readonly bool _repliesAsJson;
    private readonly Lock _gate = new();
    private FrozenDictionary<string, AgentTypeRegistration> _agentTypes;
    private ImmutableArray<Subscription> _subscriptions;
    private Task? _started;
    private IAsyncDisposable? _subscription;
    private volatile bool _stopped;

    /// <summary>Creates the runtime for the given agent types and extra subscriptions.</summary>
    /// <param name="actors">The actor runtime hosting the agents' actor types.</param>
    /// <param name="pubSub">The pub/sub carrying published messages.</param>
    /// <param name="agentTypes">The agent types; their declared subscriptions are added.</param>
    /// <param name="subscriptions">Further subscriptions.</param>
    /// <param name="time">The clock for timeouts; the system clock when null.</param>
    /// <param name="logger">Where delivery problems are logged.</param>
    /// <param name="serializers">The wire names of message types; CLR names when null.</param>
    /// <param name="interventions">The intervention handlers every sent or published message passes, in order.</param>
    public AgentRuntime(
        IActorRuntime actors,
        IPubSub pubSub,
        IEnumerable<AgentTypeRegistration> agentTypes,
        IEnumerable<Subscription>? subscriptions = null,
        TimeProvider? time = null,
        ILogger<AgentRuntime>? logger = null,
        MessageSerializerRegistry? serializers = null,
        IEnumerable<InterventionHandler>? interventions = null)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(pubSub);
        ArgumentNullException.ThrowIfNull(agentTypes);
        _actors = actors;
        _pubSub = pubSub;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<AgentRuntime>.Instance;
        _serializers = serializers ?? new MessageSerializerRegistry();
        _interventions = [.. interventions ?? []];
        _followPublishes = pubSub.DeliversInProcess;
        _repliesAsJson = !actors.PassesObjects;
        var types = agentTypes.ToList();
        _agentTypes = types.DistinctBy(t => t.Type).ToFrozenDictionary(t => t.Type, StringComparer.Ordinal);
        _subscriptions = [.. types.SelectMany(t => t.Subscriptions).Concat(subscriptions ?? []).DistinctBy(s => s.Id)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    /// <inheritdoc/>
    public MessageSerializerRegistry Serializers => _serializers;

    /// <inheritdoc/>
    public bool IsAgentType(string agentType) => _agentTypes.ContainsKey(agentType);

    /// <inheritdoc/>
    public ValueTask<object?> SendMessageAsync(
        object message, AgentId recipient, AgentId? sender = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<object?>(cancellationToken);
        }

        if (!IsKnown(recipient))
        {
            return ValueTask.FromException<object?>(new AgentNotFoundException(recipient));
        }

        if (_stopped)
        {
            return ValueTask.FromException<object?>(Stopped(recipient));
        }

        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }

        var messageType = _serializers.NameOf(message.GetType());
        if (_interventions.Length != 0)
        {
            return SendThroughInterventionsAsync(message, messageType, recipient, sender, timeout, cancellationToken);
        }

        var envelope = new AgentEnvelope { Id = MessageIds.Next(), MessageType = messageType, Message = message, Sender = sender, TypedReply = _repliesAsJson };
        return SendEnvelopeAsync(envelope, recipient, timeout, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask PublishMessageAsync(
        object message, TopicId topic, AgentId? sender = null, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (topic.Type is null)
        {
            throw new ArgumentException("The topic id is empty.", nameof(topic));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_stopped)
        {
            throw new UndeliverableException($"The agent runtime is stopped, so a message to topic {topic} cannot be published.");
        }

        await StartAsync(cancellationToken);
        var id = messageId ?? MessageIds.Next();
        var messageType = _serializers.NameOf(message.GetType());
        if (_interventions.Length != 0)
        {
            (message, messageType) = await PublishInterventionsAsync(message, messageType, id, topic, sender, cancellationToken);
        }

        var envelope = new AgentEnvelope
        {
            Id = id,
            MessageType = messageType,
            Message = message,
            Sender = sender,
            Topic = topic,
            PublishedBy = _followPublishes ? _work : null,
        };
        if (_followPublishes)
        {
            _work.Enter();
        }

        try
        {
            await _pubSub.PublishAsync(MessagesTopic, envelope, new PublishOptions { Id = envelope.Id, Type = messageType }, cancellationToken);
        }
        catch when (_followPublishes)
        {
            _work.Exit();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            if (!_subscriptions.Any(s => s.Id == subscription.Id))
            {
                _subscriptions = _subscriptions.Add(subscription);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RemoveSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        lock (_gate)
        {
            _subscriptions = _subscriptions.RemoveAll(s => s.Id == subscriptionId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<JsonElement?> SaveAgentStateAsync(AgentId agent, CancellationToken cancellationToken = default)
    {
        ThrowIfUnknown(agent);
        return await InvokeAsync<object?, JsonElement?>(agent, BaseAgent.SaveStateMethod, null, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask LoadAgentStateAsync(AgentId agent, JsonElement state, CancellationToken cancellationToken = default)
    {
        ThrowIfUnknown(agent);
        await InvokeAsync<JsonElement, object?>(agent, BaseAgent.LoadStateMethod, state, cancellationToken);
    }

    /// <summary>Unsubscribes from <see cref="MessagesTopic"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await UnsubscribeAsync();
    }

    private ValueTask<object?> SendEnvelopeAsync(AgentEnvelope envelope, AgentId recipient, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is { } limit && limit != Timeout.InfiniteTimeSpan)
        {
            return SendWithTimeoutAsync(recipient, envelope, limit, cancellationToken);
        }

        // A registered agent type is hosted as an agent, so the runtime's "unknown type/method" errors cannot occur and the
        // call needs no exception-mapping wrapper. The actor runtime counts the call in flight (see StopWhenIdleAsync).
        if (!_agentTypes.ContainsKey(recipient.Type))
        {
            return InvokeAsync<AgentEnvelope, object?>(recipient, BaseAgent.RpcMethod, envelope, cancellationToken);
        }

        var call = _actors.InvokeAsync<AgentEnvelope, object?>(recipient.ToActorId(), BaseAgent.RpcMethod, envelope, cancellationToken);
        return _repliesAsJson ? ReadReplyAsync(call) : call;
    }

    private async ValueTask<object?> ReadReplyAsync(ValueTask<object?> call) => ReadReply(await call);

    /// <summary>The response of an agent as the registered message type, when it crossed a process as a typed reply.</summary>
    /// <remarks>The call's envelope asked for a typed reply (<see cref="AgentEnvelope.TypedReply"/>); a type this process has not
    /// registered stays JSON, as the message.</remarks>
    private object? ReadReply(object? reply)
    {
        if (reply is not JsonElement { ValueKind: JsonValueKind.Object } json || AgentEnvelope.From(json) is not { Message: JsonElement message } envelope)
        {
            return reply;
        }

        return _serializers.TryGetType(envelope.MessageType, out var type) ? message.Deserialize(type, ActorJson.Options) : message;
    }

    private async ValueTask<object?> SendWithTimeoutAsync(AgentId recipient, AgentEnvelope envelope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var reply = await InvokeAsync<AgentEnvelope, object?>(recipient, BaseAgent.RpcMethod, envelope, linked.Token);
            return _repliesAsJson && _agentTypes.ContainsKey(recipient.Type) ? ReadReply(reply) : reply;
        }
        catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AgentCallTimeoutException(recipient, timeout, e);
        }
    }

    private bool IsKnown(AgentId agent) =>
        agent.Type is null
            ? throw new ArgumentException("The agent id is empty.", nameof(agent))
            : _agentTypes.ContainsKey(agent.Type) || _actors.IsRegistered(agent.Type);

    private void ThrowIfUnknown(AgentId agent)
    {
        if (!IsKnown(agent))
        {
            throw new AgentNotFoundException(agent);
        }
    }

    private static UndeliverableException Stopped(AgentId recipient) =>
        new($"The agent runtime is stopped, so a message to agent {recipient} cannot be delivered.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> InvokeAsync<TRequest, TResult>(AgentId agent, string method, TRequest payload, CancellationToken cancellationToken)
    {
        try
        {
            return await _actors.InvokeAsync<TRequest, TResult>(agent.ToActorId(), method, payload, cancellationToken);
        }
        catch (ActorTypeNotRegisteredException e)
        {
            throw new AgentNotFoundException(agent, e);
        }
        catch (ActorMethodNotFoundException e) when (e.Method == method)
        {
            throw new AgentNotFoundException(agent, e);
        }
    }
}
