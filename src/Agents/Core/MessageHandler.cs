namespace AgentPlatform.Agents.Core;

/// <summary>One compiled handler of a routed agent type.</summary>
internal sealed class MessageHandler(
    Type messageType,
    string methodName,
    int order,
    Func<RoutedAgent, object, MessageContext, CancellationToken, ValueTask<object?>> invoke,
    Func<RoutedAgent, object, MessageContext, bool>? match)
{
    public Type MessageType { get; } = messageType;

    public string MethodName { get; } = methodName;

    /// <summary>Declaration order: the most derived class first, then by position in the source.</summary>
    public int Order { get; } = order;

    public Func<RoutedAgent, object, MessageContext, CancellationToken, ValueTask<object?>> Invoke { get; } = invoke;

    public Func<RoutedAgent, object, MessageContext, bool>? Match { get; } = match;
}
