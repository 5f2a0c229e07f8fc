namespace AgentPlatform.Agents.Core;

/// <summary>Marks a method of a <see cref="RoutedAgent"/> as a message handler of both direct and published messages (AutoGen's
/// <c>message_handler</c>); <see cref="RpcAttribute"/> and <see cref="EventAttribute"/> restrict it to one kind.</summary>
/// <remarks>Accepted signatures: parameters <c>(TMessage)</c>, <c>(TMessage, MessageContext)</c>, <c>(TMessage, CancellationToken)</c>
/// or <c>(TMessage, MessageContext, CancellationToken)</c>. Used as is, the handler may return a value (the response to a direct
/// message, ignored for a published one) or nothing (a direct message then gets a null response); <see cref="MessageContext.IsRpc"/>
/// tells the two apart.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public class MessageHandlerAttribute : Attribute
{
    /// <summary>The name of a <c>bool Method(TMessage)</c> or <c>bool Method(TMessage, MessageContext)</c> on the agent (instance
    /// or static, any visibility) that must return true for this handler to take a message; null accepts every message of the
    /// handler's type.</summary>
    /// <remarks>When several handlers fit a message, the first in declaration order whose predicate accepts it wins.</remarks>
    public new string? Match { get; set; }
}
