namespace AgentPlatform.Agents.Core;

/// <summary>Raised when a message to an agent that exists cannot be delivered: the runtime is stopped, or an intervention
/// dropped it (<see cref="MessageDroppedException"/>).</summary>
/// <remarks>Distinct from <see cref="AgentNotFoundException"/>, the lookup error for an agent type nobody registered.</remarks>
public class UndeliverableException : Exception
{
    /// <summary>Creates the exception with a message saying why the message was not delivered.</summary>
    public UndeliverableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
