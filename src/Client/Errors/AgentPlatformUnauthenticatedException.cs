using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The API key is missing, wrong, revoked or rotated away (UNAUTHENTICATED).</summary>
public sealed class AgentPlatformUnauthenticatedException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformUnauthenticatedException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformUnauthenticatedException()
        : base(StatusCode.Unauthenticated, "The API key was not accepted.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformUnauthenticatedException(string message)
        : base(StatusCode.Unauthenticated, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformUnauthenticatedException(string message, Exception innerException)
        : base(StatusCode.Unauthenticated, message, innerException)
    {
    }
}
