namespace AgentPlatform.Agents.Core;

/// <summary>Marks a handler of published messages (<see cref="IAgentRuntime.PublishMessageAsync"/>); it returns nothing.</summary>
/// <remarks>Accepted signatures: parameters <c>(TMessage)</c>, <c>(TMessage, MessageContext)</c>,
/// <c>(TMessage, CancellationToken)</c> or <c>(TMessage, MessageContext, CancellationToken)</c>; return type
/// <see cref="ValueTask"/>, <see cref="Task"/> or <c>void</c>. The method may have any visibility and may be static.
/// An event handler does not receive direct messages.</remarks>
public sealed class EventAttribute : MessageHandlerAttribute
{
}
