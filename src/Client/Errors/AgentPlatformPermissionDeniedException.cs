using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The caller acted on another agent's resource: a task it does not hold, a request sent to another agent, a channel it has not joined (PERMISSION_DENIED); nothing changed.</summary>
public sealed class AgentPlatformPermissionDeniedException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformPermissionDeniedException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformPermissionDeniedException()
        : base(StatusCode.PermissionDenied, "The caller may not act on this resource.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformPermissionDeniedException(string message)
        : base(StatusCode.PermissionDenied, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformPermissionDeniedException(string message, Exception innerException)
        : base(StatusCode.PermissionDenied, message, innerException)
    {
    }
}
