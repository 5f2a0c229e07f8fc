namespace AgentPlatform.Agents.Core;

/// <summary>Sees every message this process sends or publishes before it leaves, and every response before the sender gets it;
/// may let it pass, replace it, or drop it, for policy and audit.</summary>
/// <remarks>Handlers run in registration order in the sending process, each on the previous one's output; returning
/// <see cref="DropMessage.Instance"/> stops the chain and raises <see cref="MessageDroppedException"/> to the sender or publisher.
/// Register with <c>AddAgents().AddIntervention(...)</c>; with none registered, sending and publishing skip the chain entirely.
/// The defaults let everything pass.</remarks>
public abstract class InterventionHandler
{
    /// <summary>Called for a direct message to <paramref name="recipient"/>; returns the message to send or <see cref="DropMessage.Instance"/>.</summary>
    public virtual ValueTask<object> OnSendAsync(object message, MessageContext context, AgentId recipient) => new(message);

    /// <summary>Called for a message published to <see cref="MessageContext.Topic"/>; returns the message to publish or <see cref="DropMessage.Instance"/>.</summary>
    public virtual ValueTask<object> OnPublishAsync(object message, MessageContext context) => new(message);

    /// <summary>Called for the response of <paramref name="recipient"/> to a direct message; returns the response to hand to the
    /// sender or <see cref="DropMessage.Instance"/>.</summary>
    public virtual ValueTask<object?> OnResponseAsync(object? response, MessageContext context, AgentId recipient) => new(response);
}
