using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Core;

/// <summary>Base class of agents: an actor that routes each incoming message to a handler method by the message's runtime type.</summary>
/// <remarks>
/// <para>Declare handlers with <see cref="RpcAttribute"/> (direct messages, returning the response) and <see cref="EventAttribute"/>
/// (published messages, returning nothing). The most specific handler type wins; among handlers of the same type, the first in
/// declaration order (the most derived class first) whose <see cref="MessageHandlerAttribute.Match"/> predicate accepts the message
/// takes it. The dispatch table is built once per class with compiled delegates.</para>
/// <para>A direct message no handler accepts raises <see cref="CantHandleException"/> to the sender; a published message no handler
/// accepts is ignored. Handlers run as actor turns: one at a time per agent. A handler must not send a direct message to its own
/// agent (the call would wait for the turn it is running in).</para>
/// <para>State: override <see cref="SaveStateAsync"/> and <see cref="LoadStateAsync"/>. After every handled message the snapshot is
/// written (when it changed) through the actor state manager under <see cref="StateKey"/> and commits with the turn; on activation
/// the last snapshot is loaded. <see cref="Actor.StateManager"/> remains available for keyed state of your own.</para>
/// </remarks>
public abstract class RoutedAgent : Actor
{
    /// <summary>The actor state key holding the snapshot returned by <see cref="SaveStateAsync"/>.</summary>
    public const string StateKey = "agent.state";

    internal const string RpcMethod = "agent.rpc";
    internal const string EventMethod = "agent.event";
    internal const string SaveStateMethod = "agent.save-state";
    internal const string LoadStateMethod = "agent.load-state";

    private static readonly object Handled = true;
    private static readonly object Ignored = false;

    private readonly HandlerTable _handlers;
    private IAgentRuntime? _runtime;
    private RecentMessageIds? _recentEvents;
    private string? _persistedState;

    /// <summary>Creates the agent for the activation described by <paramref name="host"/>.</summary>
    /// <exception cref="InvalidOperationException">A handler of the class has an unsupported signature.</exception>
    protected RoutedAgent(ActorHost host)
        : base(host)
    {
        _handlers = HandlerTable.For(GetType());
        AgentId = AgentId.FromActorId(host.Id);
    }

    /// <summary>This agent's id: the actor's type and key.</summary>
    public AgentId AgentId { get; }

    /// <summary>The agent runtime, for sending and publishing; resolved from the activation's services.</summary>
    protected IAgentRuntime Runtime => _runtime ??= Host.Services.GetRequiredService<IAgentRuntime>();

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

    /// <summary>Routes an actor call carrying an agent message to its handler.</summary>
    public sealed override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        RpcMethod => OnRpcAsync(Envelope(call), cancellationToken),
        EventMethod => OnEventAsync(Envelope(call), cancellationToken),
        SaveStateMethod => SaveAndPersistAsync(cancellationToken),
        LoadStateMethod => LoadAndPersistAsync(ActorPayload.Read<JsonElement>(call), cancellationToken),
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

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

    private AgentEnvelope Envelope(ActorCall call) =>
        ActorPayload.Read<AgentEnvelope?>(call)
        ?? throw new ArgumentException($"Agent {AgentId} received a '{call.Method}' call without an agent message envelope.", nameof(call));

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<object?> OnRpcAsync(AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        var message = Materialize(envelope)
            ?? throw new CantHandleException(AgentId, envelope.MessageType, "no [Rpc] handler takes this message type");
        var handler = Select(message, rpc: true)
            ?? throw new CantHandleException(AgentId, envelope.MessageType, _handlers.Candidates(message.GetType(), rpc: true).Length == 0
                ? "no [Rpc] handler takes this message type"
                : "every [Rpc] handler for this type declined it by its match predicate");
        var context = new MessageContext(envelope.Id, cancellationToken) { Sender = envelope.Sender, IsRpc = true };
        var result = await handler.Invoke(this, message, context, cancellationToken);
        await PersistAsync(cancellationToken);
        return result;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<object?> OnEventAsync(AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        if (_recentEvents?.Contains(envelope.Id) == true)
        {
            return Handled;
        }

        var message = Materialize(envelope);
        var handler = message is null ? null : Select(message, rpc: false);
        if (handler is null)
        {
            return Ignored;
        }

        var context = new MessageContext(envelope.Id, cancellationToken) { Sender = envelope.Sender, Topic = envelope.Topic };
        await handler.Invoke(this, message!, context, cancellationToken);
        await PersistAsync(cancellationToken);
        (_recentEvents ??= new RecentMessageIds()).Add(envelope.Id);
        return Handled;
    }

    private object? Materialize(AgentEnvelope envelope)
    {
        if (envelope.Message is not JsonElement json)
        {
            return envelope.Message;
        }

        return _handlers.TryGetMessageType(envelope.MessageType, out var type) ? json.Deserialize(type) : null;
    }

    private MessageHandler? Select(object message, bool rpc)
    {
        foreach (var handler in _handlers.Candidates(message.GetType(), rpc))
        {
            if (handler.Match is null || handler.Match(this, message))
            {
                return handler;
            }
        }

        return null;
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
