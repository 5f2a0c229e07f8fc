namespace AgentPlatform.Agents.Core;

/// <summary>Raised to the sender or publisher when an <see cref="InterventionHandler"/> dropped its message.</summary>
public sealed class MessageDroppedException : UndeliverableException
{
    /// <summary>Creates the exception for a message of <paramref name="messageType"/> dropped by <paramref name="intervention"/>.</summary>
    public MessageDroppedException(string messageType, string intervention)
        : base($"A message of type '{messageType}' was dropped by intervention {intervention}.")
    {
        MessageType = messageType;
        Intervention = intervention;
    }

    /// <summary>The wire type name of the dropped message.</summary>
    public string MessageType { get; }

    /// <summary>The type name of the intervention handler that dropped it.</summary>
    public string Intervention { get; }
}
