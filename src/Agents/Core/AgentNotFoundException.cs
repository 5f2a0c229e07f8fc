namespace AgentPlatform.Agents.Core;

/// <summary>The lookup error (AutoGen's <c>LookupError</c>): raised when a message is sent to an agent whose type is not
/// registered as an agent type.</summary>
/// <remarks>A known agent that cannot receive a message raises <see cref="UndeliverableException"/> instead; the two are unrelated
/// types, so a handler of one never catches the other.</remarks>
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
