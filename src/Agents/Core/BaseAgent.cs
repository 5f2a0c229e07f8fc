using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Core;

/// <summary>Base class of agents that take every message in one method, <see cref="OnMessageAsync"/>; <see cref="RoutedAgent"/>
/// builds handler routing on it.</summary>
/// <remarks>
/// <para>An agent is the actor with the same type and key: messages arrive as actor calls and run as turns, one at a time per
/// agent. A handler must not send a direct message to its own agent (the call would wait for the turn it is running in).</para>
/// <para>State: override <see cref="SaveStateAsync"/> and <see cref="LoadStateAsync"/>. After every handled message the snapshot is
/// written (when it changed) through the actor state manager under <see cref="StateKey"/> and commits with the turn; on activation
/// the last snapshot is loaded. <see cref="Actor.StateManager"/> remains available for keyed state of your own.</para>
/// <para>A published message is de-duplicated by id against the last few events this activation handled.</para>
/// </remarks>
public abstract class BaseAgent : Actor, IAgent
{
    /// <summary>The actor state key holding the snapshot returned by <see cref="SaveStateAsync"/>.</summary>
    public const string StateKey = "agent.state";

    internal const string RpcMethod = "agent.rpc";
    internal const string EventMethod = "agent.event";
    internal const string SaveStateMethod = "agent.save-state";
    internal const string LoadStateMethod = "agent.load-state";
    internal const string ActivateMethod = "agent.activate";

    private IAgentRuntime? _runtime;
    private MessageSerializerRegistry? _serializers;
    private RecentMessageIds? _recentEvents;
    private string? _persistedState;

    /// <summary>Creates the agent for the activation described by <paramref name="host"/>.</summary>
    protected BaseAgent(ActorHost host)
        : base(host)
    {
        AgentId = AgentId.FromActorId(host.Id);
    }

    /// <inheritdoc/>
    public AgentId AgentId { get; }

    /// <inheritdoc/>
    public AgentMetadata Metadata => new(AgentId.Type, AgentId.Key, DescriptionOf(GetType()));

    /// <summary>The agent runtime, for sending and publishing; resolved from the activation's services.</summary>
    protected IAgentRuntime Runtime => _runtime ??= Host.Services.GetRequiredService<IAgentRuntime>();

    /// <inheritdoc/>
    public abstract ValueTask<object?> OnMessageAsync(object message, MessageContext context);

    /// <summary>Loads the last persisted state snapshot, if any, through <see cref="LoadStateAsync"/>.</summary>
    public sealed override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        var (found, state) = await StateManager.TryGetStateAsync<JsonElement>(StateKey, cancellationToken);
        if (found)
        {
            await LoadStateAsync(state, cancellationToken);
            _persistedState = state.GetRawText();
        }
    }

    /// <summary>Routes an actor call carrying an agent message to <see cref="OnMessageAsync"/>.</summary>
    public sealed override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        RpcMethod => OnRpcAsync(Envelope(call), cancellationToken),
        EventMethod => OnEventAsync(Envelope(call), cancellationToken),
        SaveStateMethod => SaveAndPersistAsync(cancellationToken),
        LoadStateMethod => LoadAndPersistAsync(ActorPayload.Read<JsonElement>(call), cancellationToken),
        ActivateMethod => default,
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

    internal static string DescriptionOf(Type agentClass) =>
        agentClass.GetCustomAttributes(typeof(AgentDescriptionAttribute), inherit: true) is [AgentDescriptionAttribute described, ..]
            ? described.Description
            : "";

    /// <summary>Returns a snapshot of this agent's state to persist, or null when there is nothing to persist (the default).</summary>
    protected virtual ValueTask<JsonElement?> SaveStateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<JsonElement?>(null);

    /// <summary>Restores this agent's state from a snapshot produced by <see cref="SaveStateAsync"/>.</summary>
    protected virtual ValueTask LoadStateAsync(JsonElement state, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Sends a direct message from this agent and returns the response; see <see cref="IAgentRuntime.SendMessageAsync"/>.</summary>
    protected ValueTask<object?> SendMessageAsync(
        object message, AgentId recipient, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Runtime.SendMessageAsync(message, recipient, AgentId, timeout, cancellationToken);

    /// <summary>Publishes a message from this agent; this agent does not receive it. See <see cref="IAgentRuntime.PublishMessageAsync"/>.</summary>
    protected ValueTask PublishMessageAsync(
        object message, TopicId topic, string? messageId = null, CancellationToken cancellationToken = default) =>
        Runtime.PublishMessageAsync(message, topic, AgentId, messageId, cancellationToken);

    /// <summary>The type a message that crossed a process under <paramref name="name"/> deserializes to, beyond the registry's.</summary>
    private protected virtual Type? MessageTypeNamed(string name) => null;

    private AgentEnvelope Envelope(ActorCall call) =>
        ActorPayload.Read<AgentEnvelope?>(call)
        ?? throw new ArgumentException($"Agent {AgentId} received a '{call.Method}' call without an agent message envelope.", nameof(call));

    /// <summary>Handles a direct message; when the caller asks for a typed reply (its results cross processes as JSON), the
    /// response goes back as an envelope naming its message type, so the caller can read it as that type.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<object?> OnRpcAsync(AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        var context = new MessageContext(envelope.Id, cancellationToken) { Sender = envelope.Sender, IsRpc = true, MessageType = envelope.MessageType };
        var result = await OnMessageAsync(Materialize(envelope), context);
        await PersistAsync(cancellationToken);
        return envelope.TypedReply && result is not null
            ? new AgentEnvelope { Id = envelope.Id, MessageType = Runtime.Serializers.NameOf(result.GetType()), Message = result }
            : result;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<object?> OnEventAsync(AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        if (_recentEvents?.Contains(envelope.Id) == true)
        {
            return null;
        }

        var context = new MessageContext(envelope.Id, cancellationToken) { Sender = envelope.Sender, Topic = envelope.Topic, MessageType = envelope.MessageType };
        await OnMessageAsync(Materialize(envelope), context);
        await PersistAsync(cancellationToken);
        (_recentEvents ??= new RecentMessageIds()).Add(envelope.Id);
        return null;
    }

    private object Materialize(AgentEnvelope envelope)
    {
        if (envelope.Message is not JsonElement json)
        {
            return envelope.Message;
        }

        _serializers ??= Host.Services.GetService<MessageSerializerRegistry>() ?? new MessageSerializerRegistry();
        var type = _serializers.TryGetType(envelope.MessageType, out var registered) ? registered : MessageTypeNamed(envelope.MessageType);
        return type is null ? json : json.Deserialize(type, ActorJson.Options) ?? json;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<JsonElement?> PersistAsync(CancellationToken cancellationToken)
    {
        var snapshot = await SaveStateAsync(cancellationToken);
        if (snapshot is { } state)
        {
            var raw = state.GetRawText();
            if (!string.Equals(raw, _persistedState, StringComparison.Ordinal))
            {
                StateManager.SetState(StateKey, state);
                _persistedState = raw;
            }
        }

        return snapshot;
    }

    private async ValueTask<object?> SaveAndPersistAsync(CancellationToken cancellationToken) => await PersistAsync(cancellationToken);

    private async ValueTask<object?> LoadAndPersistAsync(JsonElement state, CancellationToken cancellationToken)
    {
        await LoadStateAsync(state, cancellationToken);
        StateManager.SetState(StateKey, state);
        _persistedState = state.GetRawText();
        return null;
    }
}
