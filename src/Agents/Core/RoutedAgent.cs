using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>Base class of agents that route each incoming message to a handler method by the message's runtime type.</summary>
/// <remarks>
/// <para>Declare handlers with <see cref="RpcAttribute"/> (direct messages, returning the response), <see cref="EventAttribute"/>
/// (published messages, returning nothing) or <see cref="MessageHandlerAttribute"/> itself (both). The most specific handler type
/// wins; among handlers of the same type, the first in declaration order (the most derived class first) whose
/// <see cref="MessageHandlerAttribute.Match"/> predicate accepts the message and its context takes it. The dispatch table is built
/// once per class with compiled delegates.</para>
/// <para>A message no handler accepts goes to <see cref="OnUnhandledMessageAsync"/>, which by default raises
/// <see cref="CantHandleException"/> to the sender of a direct message and ignores a published one. Turns, state and
/// de-duplication are <see cref="BaseAgent"/>'s.</para>
/// </remarks>
public abstract class RoutedAgent : BaseAgent
{
    private readonly HandlerTable _handlers;

    /// <summary>Creates the agent for the activation described by <paramref name="host"/>.</summary>
    /// <exception cref="InvalidOperationException">A handler of the class has an unsupported signature.</exception>
    protected RoutedAgent(ActorHost host)
        : base(host)
    {
        _handlers = HandlerTable.For(GetType());
    }

    /// <summary>Routes <paramref name="message"/> to the first fitting handler whose predicate accepts it, or to
    /// <see cref="OnUnhandledMessageAsync"/> when none does.</summary>
    public sealed override ValueTask<object?> OnMessageAsync(object message, MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var handler in _handlers.Candidates(message.GetType(), context.IsRpc))
        {
            if (handler.Match is null || handler.Match(this, message, context))
            {
                return handler.Invoke(this, message, context, context.CancellationToken);
            }
        }

        return OnUnhandledMessageAsync(message, context);
    }

    /// <summary>Called for a message no handler accepts; its result is the response to a direct message.</summary>
    /// <remarks>By default raises <see cref="CantHandleException"/> for a direct message and ignores a published one. A message
    /// whose type name this process does not know arrives as its <see cref="System.Text.Json.JsonElement"/>, with the name in
    /// <see cref="MessageContext.MessageType"/>.</remarks>
    protected virtual ValueTask<object?> OnUnhandledMessageAsync(object message, MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsRpc)
        {
            return default;
        }

        var reason = _handlers.Candidates(message.GetType(), rpc: true).Length == 0
            ? "no [Rpc] handler takes this message type"
            : "every [Rpc] handler for this type declined it by its match predicate";
        throw new CantHandleException(AgentId, context.MessageType, reason);
    }

    private protected override Type? MessageTypeNamed(string name) => _handlers.TryGetMessageType(name, out var type) ? type : null;
}
