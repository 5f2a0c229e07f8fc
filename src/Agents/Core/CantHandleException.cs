namespace AgentPlatform.Agents.Core;

/// <summary>Raised by <see cref="IAgentRuntime.SendMessageAsync"/> when the recipient has no handler that accepts the message:
/// no <see cref="RpcAttribute"/> handler for its type, or every fitting handler's match predicate declined it.</summary>
public sealed class CantHandleException : Exception
{
    /// <summary>Creates the exception for a message of <paramref name="messageType"/> sent to <paramref name="recipient"/>.</summary>
    public CantHandleException(AgentId recipient, string messageType, string reason)
        : base($"Agent {recipient} cannot handle a message of type '{messageType}': {reason}")
    {
        Recipient = recipient;
        MessageType = messageType;
    }

    /// <summary>The agent that received the message.</summary>
    public AgentId Recipient { get; }

    /// <summary>The message type name.</summary>
    public string MessageType { get; }
}
