using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace AgentPlatform.Agents.Core;

/// <summary>The dispatch table of one routed agent class, built once by reflection into compiled delegates.</summary>
/// <remarks>Candidates for a message type are ordered by how specific the handler's type is (the exact type, then base classes
/// nearest first, then interfaces, then <see cref="object"/>) and then by declaration order; that list is cached per message type.</remarks>
internal sealed class HandlerTable
{
    private const BindingFlags DeclaredMethods =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConcurrentDictionary<Type, HandlerTable> Tables = new();

    private readonly MessageHandler[] _rpc;
    private readonly MessageHandler[] _events;
    private readonly ConcurrentDictionary<Type, MessageHandler[]> _rpcByType = new();
    private readonly ConcurrentDictionary<Type, MessageHandler[]> _eventsByType = new();
    private readonly Dictionary<string, Type> _messageTypes = new(StringComparer.Ordinal);

    private HandlerTable(Type agentClass)
    {
        var rpc = new List<MessageHandler>();
        var events = new List<MessageHandler>();
        var order = 0;
        for (var type = agentClass; type is not null && type != typeof(RoutedAgent); type = type.BaseType)
        {
            foreach (var method in type.GetMethods(DeclaredMethods).OrderBy(m => m.MetadataToken))
            {
                var attribute = method.GetCustomAttribute<MessageHandlerAttribute>(inherit: false);
                if (attribute is null || IsOverrideOfHandler(method))
                {
                    continue;
                }

                var handler = Compile(agentClass, method, attribute, order++);
                if (attribute is not EventAttribute)
                {
                    rpc.Add(handler);
                }

                if (attribute is not RpcAttribute)
                {
                    events.Add(handler);
                }

                _messageTypes.TryAdd(AgentEnvelope.TypeName(handler.MessageType), handler.MessageType);
            }
        }

        _rpc = [.. rpc];
        _events = [.. events];
    }

    /// <summary>The table of <paramref name="agentClass"/>, built on first use.</summary>
    /// <exception cref="InvalidOperationException">A handler or match predicate has an unsupported signature.</exception>
    public static HandlerTable For(Type agentClass) => Tables.GetOrAdd(agentClass, static t => new HandlerTable(t));

    /// <summary>The message types handled, for reporting.</summary>
    public IReadOnlyCollection<Type> MessageTypes => _messageTypes.Values;

    /// <summary>Handlers that may take a message of <paramref name="messageType"/>, in the order to try them.</summary>
    public MessageHandler[] Candidates(Type messageType, bool rpc)
    {
        var byType = rpc ? _rpcByType : _eventsByType;
        return byType.TryGetValue(messageType, out var found)
            ? found
            : byType.GetOrAdd(messageType, t => [.. (rpc ? _rpc : _events)
                .Where(h => h.MessageType.IsAssignableFrom(t))
                .OrderBy(h => Specificity(t, h.MessageType))
                .ThenBy(h => h.Order)]);
    }

    /// <summary>Finds a handled message type by its wire name, to deserialize a message that crossed a process.</summary>
    public bool TryGetMessageType(string name, out Type type) => _messageTypes.TryGetValue(name, out type!);

    private static int Specificity(Type messageType, Type handlerType)
    {
        if (handlerType == typeof(object))
        {
            return int.MaxValue;
        }

        if (handlerType.IsInterface)
        {
            return int.MaxValue - 1;
        }

        var distance = 0;
        for (var type = messageType; type is not null && type != handlerType; type = type.BaseType)
        {
            distance++;
        }

        return distance;
    }

    private static bool IsOverrideOfHandler(MethodInfo method)
    {
        var definition = method.GetBaseDefinition();
        return definition != method && definition.GetCustomAttribute<MessageHandlerAttribute>(inherit: false) is not null;
    }

    private static MessageHandler Compile(Type agentClass, MethodInfo method, MessageHandlerAttribute attribute, int order)
    {
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw Invalid(name, "a handler must not be a generic method");
        }

        var parameters = method.GetParameters();
        if (parameters.Length is < 1 or > 3 || parameters[0].ParameterType.IsByRef
            || parameters[0].ParameterType == typeof(MessageContext) || parameters[0].ParameterType == typeof(CancellationToken))
        {
            throw Invalid(name, "parameters must be (TMessage[, MessageContext][, CancellationToken])");
        }

        var messageType = parameters[0].ParameterType;
        var agent = Expression.Parameter(typeof(RoutedAgent), "agent");
        var message = Expression.Parameter(typeof(object), "message");
        var context = Expression.Parameter(typeof(MessageContext), "context");
        var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        Expression[] arguments = parameters.Skip(1).Select(p => p.ParameterType).ToArray() switch
        {
            [] => [Expression.Convert(message, messageType)],
            [var only] when only == typeof(MessageContext) => [Expression.Convert(message, messageType), context],
            [var only] when only == typeof(CancellationToken) => [Expression.Convert(message, messageType), token],
            [var first, var second] when first == typeof(MessageContext) && second == typeof(CancellationToken) =>
                [Expression.Convert(message, messageType), context, token],
            _ => throw Invalid(name, "parameters must be (TMessage[, MessageContext][, CancellationToken])"),
        };

        var call = method.IsStatic
            ? Expression.Call(method, arguments)
            : Expression.Call(Expression.Convert(agent, method.DeclaringType!), method, arguments);
        var body = Adapt(call, method.ReturnType, attribute, name);
        var invoke = Expression.Lambda<Func<RoutedAgent, object, MessageContext, CancellationToken, ValueTask<object?>>>(
            body, agent, message, context, token).Compile();
        var match = attribute.Match is { } matchName ? CompileMatch(agentClass, matchName, messageType, name) : null;
        return new MessageHandler(messageType, name, order, invoke, match);
    }

    private static Expression Adapt(MethodCallExpression call, Type returnType, MessageHandlerAttribute attribute, string name)
    {
        var generic = returnType.IsGenericType ? returnType.GetGenericTypeDefinition() : null;
        var returnsValue = returnType != typeof(void) && returnType != typeof(Task) && returnType != typeof(ValueTask);
        if (attribute is RpcAttribute && !returnsValue)
        {
            throw Invalid(name, "an [Rpc] handler must return ValueTask<T>, Task<T> or T");
        }

        if (attribute is EventAttribute && returnsValue)
        {
            throw Invalid(name, "an [Event] handler must return ValueTask, Task or void");
        }

        if (returnType == typeof(void))
        {
            return Expression.Block(call, Expression.Default(typeof(ValueTask<object?>)));
        }

        var adapter = returnType == typeof(ValueTask) ? nameof(HandlerAdapters.FromValueTask)
            : returnType == typeof(Task) ? nameof(HandlerAdapters.FromTask)
            : generic == typeof(ValueTask<>) ? nameof(HandlerAdapters.FromValueTaskOf)
            : generic == typeof(Task<>) ? nameof(HandlerAdapters.FromTaskOf)
            : null;
        if (adapter is null)
        {
            return Expression.New(
                typeof(ValueTask<object?>).GetConstructor([typeof(object)])!,
                Expression.Convert(call, typeof(object)));
        }

        var method = typeof(HandlerAdapters).GetMethod(adapter, BindingFlags.Public | BindingFlags.Static)!;
        return Expression.Call(method.IsGenericMethodDefinition ? method.MakeGenericMethod(returnType.GetGenericArguments()) : method, call);
    }

    private static Func<RoutedAgent, object, MessageContext, bool> CompileMatch(Type agentClass, string matchName, Type messageType, string handlerName)
    {
        var predicates = new List<MethodInfo>();
        for (var type = agentClass; type is not null && type != typeof(RoutedAgent); type = type.BaseType)
        {
            predicates.AddRange(type.GetMethods(DeclaredMethods).Where(m =>
                m.Name == matchName
                && m.ReturnType == typeof(bool)
                && !m.IsGenericMethodDefinition
                && m.GetParameters() is [var p, ..] rest && rest.Length <= 2
                && !p.ParameterType.IsByRef && p.ParameterType.IsAssignableFrom(messageType)
                && (rest.Length == 1 || rest[1].ParameterType == typeof(MessageContext))
                && m.GetBaseDefinition() == m));
        }

        if (predicates.Count != 1)
        {
            throw Invalid(handlerName, predicates.Count == 0
                ? $"match predicate '{matchName}' must be a method 'bool {matchName}({messageType.Name}[, MessageContext])' on the agent"
                : $"match predicate '{matchName}' is ambiguous");
        }

        var predicate = predicates[0];
        var agent = Expression.Parameter(typeof(RoutedAgent), "agent");
        var message = Expression.Parameter(typeof(object), "message");
        var context = Expression.Parameter(typeof(MessageContext), "context");
        var parameters = predicate.GetParameters();
        Expression[] arguments = parameters.Length == 1
            ? [Expression.Convert(message, parameters[0].ParameterType)]
            : [Expression.Convert(message, parameters[0].ParameterType), context];
        var call = predicate.IsStatic
            ? Expression.Call(predicate, arguments)
            : Expression.Call(Expression.Convert(agent, predicate.DeclaringType!), predicate, arguments);
        return Expression.Lambda<Func<RoutedAgent, object, MessageContext, bool>>(call, agent, message, context).Compile();
    }

    private static InvalidOperationException Invalid(string handler, string problem) =>
        new($"Handler {handler} is not valid: {problem}.");
}
