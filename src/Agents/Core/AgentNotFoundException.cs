namespace AgentPlatform.Agents.Core;

/// <summary>Raised when a message is sent to an agent whose type is not registered as an agent type.</summary>
public sealed class AgentNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="recipient"/>.</summary>
    public AgentNotFoundException(AgentId recipient, Exception? innerException = null)
        : base($"No agent type '{recipient.Type}' is registered, so agent {recipient} cannot receive messages.", innerException)
    {
        Recipient = recipient;
    }

    /// <summary>The unknown recipient.</summary>
    public AgentId Recipient { get; }
}
