namespace AgentPlatform.Agents.Core;

/// <summary>Marks a method of a <see cref="RoutedAgent"/> as a message handler; see <see cref="RpcAttribute"/> and <see cref="EventAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public abstract class MessageHandlerAttribute : Attribute
{
    /// <summary>The name of a <c>bool Method(TMessage)</c> on the agent (instance or static, any visibility) that must return
    /// true for this handler to take a message; null accepts every message of the handler's type.</summary>
    /// <remarks>When several handlers fit a message, the first in declaration order whose predicate accepts it wins.</remarks>
    public new string? Match { get; set; }
}
