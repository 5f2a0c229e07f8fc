namespace AgentPlatform.Agents.Core;

/// <summary>What a handler knows about the message it is handling besides the message itself.</summary>
/// <param name="MessageId">The message id; redeliveries of a published message keep it.</param>
/// <param name="CancellationToken">Cancelled when the caller gives up or the runtime shuts down.</param>
public sealed record MessageContext(string MessageId, CancellationToken CancellationToken)
{
    /// <summary>The sending agent, or null when the message came from outside any agent.</summary>
    public AgentId? Sender { get; init; }

    /// <summary>The topic a published message was sent to; null for a direct message.</summary>
    public TopicId? Topic { get; init; }

    /// <summary>The message's type name on the wire (<see cref="MessageSerializerRegistry"/>); empty before the message is sent.</summary>
    public string MessageType { get; init; } = "";

    /// <summary>True for a direct message sent with <see cref="IAgentRuntime.SendMessageAsync"/> that expects a response.</summary>
    public bool IsRpc { get; init; }
}
