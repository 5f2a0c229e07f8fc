namespace AgentPlatform.Agents.Channels;

/// <summary>Raised when an agent asks for something only another agent (or the operator) may have: changing a channel it did
/// not create, or the delivery status of a message it did not send.</summary>
public sealed class ChannelAccessDeniedException : Exception
{
    /// <summary>Creates the exception with the reason shown to the caller.</summary>
    public ChannelAccessDeniedException(string message)
        : base(message)
    {
    }
}
