using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>Turns an exception thrown by a platform actor into an <see cref="ActorFault"/> and back on the caller's side.</summary>
/// <remarks>The platform's own actor exceptions and the common .NET ones come back with their type, message and detail; any
/// other exception comes back as an <see cref="InvalidOperationException"/> whose message starts with the original type name,
/// because the caller may not have (or be able to construct) that type.</remarks>
public static class ActorFaults
{
    /// <summary>The fault that describes <paramref name="error"/>.</summary>
    public static ActorFault From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = error.GetType().FullName ?? error.GetType().Name;
        return error switch
        {
            ActorMethodNotFoundException missing => new ActorFault(kind, missing.Message, missing.Method),
            ActorTypeNotRegisteredException unknown => new ActorFault(kind, unknown.Message, unknown.ActorType),
            ArgumentException argument => new ActorFault(kind, MessageWithoutParameter(argument), argument.ParamName),
            _ => new ActorFault(kind, error.Message),
        };
    }

    /// <summary>The exception the caller of <paramref name="actor"/> sees for <paramref name="fault"/>.</summary>
    public static Exception ToException(ActorFault fault, ActorId actor)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Kind switch
        {
            "AgentPlatform.Runtime.Actors.ActorMethodNotFoundException" => new ActorMethodNotFoundException(actor, fault.Detail ?? string.Empty),
            "AgentPlatform.Runtime.Actors.ActorTypeNotRegisteredException" => new ActorTypeNotRegisteredException(fault.Detail ?? actor.Type),
            "System.ArgumentException" => new ArgumentException(fault.Message, fault.Detail),
            "System.ArgumentNullException" => new ArgumentNullException(fault.Detail, fault.Message),
            "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(fault.Detail, fault.Message),
            "System.InvalidOperationException" => new InvalidOperationException(fault.Message),
            "System.NotSupportedException" => new NotSupportedException(fault.Message),
            "System.FormatException" => new FormatException(fault.Message),
            "System.TimeoutException" => new TimeoutException(fault.Message),
            "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(fault.Message),
            "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException" => new OperationCanceledException(fault.Message),
            "System.UnauthorizedAccessException" => new UnauthorizedAccessException(fault.Message),
            _ => new InvalidOperationException($"{fault.Kind}: {fault.Message}"),
        };
    }

    // ArgumentException.Message appends " (Parameter 'name')"; the caller's exception adds it again from the parameter name.
    private static string MessageWithoutParameter(ArgumentException argument)
    {
        var message = argument.Message;
        if (argument.ParamName is { } name)
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return message[..^suffix.Length];
            }
        }

        return message;
    }
}
