namespace AgentPlatform.Agents.Core;

/// <summary>Raised when a direct message got no response within the timeout given to <see cref="IAgentRuntime.SendMessageAsync"/>.</summary>
/// <remarks>A caller's own cancellation surfaces as <see cref="OperationCanceledException"/> instead.</remarks>
public sealed class AgentCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a call to <paramref name="recipient"/> that exceeded <paramref name="timeout"/>.</summary>
    public AgentCallTimeoutException(AgentId recipient, TimeSpan timeout, Exception? innerException = null)
        : base($"Agent {recipient} did not respond within {timeout}.", innerException)
    {
        Recipient = recipient;
        Timeout = timeout;
    }

    /// <summary>The agent that did not respond.</summary>
    public AgentId Recipient { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
