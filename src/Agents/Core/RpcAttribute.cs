namespace AgentPlatform.Agents.Core;

/// <summary>Marks a handler of direct messages (<see cref="IAgentRuntime.SendMessageAsync"/>) whose return value is the response.</summary>
/// <remarks>Accepted signatures, where <c>TMessage</c> is the routed message type and <c>T</c> is any type but <c>void</c>,
/// <see cref="Task"/> or <see cref="ValueTask"/>: parameters <c>(TMessage)</c>, <c>(TMessage, MessageContext)</c>,
/// <c>(TMessage, CancellationToken)</c> or <c>(TMessage, MessageContext, CancellationToken)</c>; return type
/// <c>ValueTask&lt;T&gt;</c>, <c>Task&lt;T&gt;</c> or <c>T</c>. The method may have any visibility and may be static.
/// An RPC handler does not receive published messages.</remarks>
public sealed class RpcAttribute : MessageHandlerAttribute
{
}
