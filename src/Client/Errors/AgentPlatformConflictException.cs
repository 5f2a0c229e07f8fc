using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The change conflicts with the current state: a name or channel id taken (ALREADY_EXISTS), a task that ended or a request that expired (FAILED_PRECONDITION).</summary>
public sealed class AgentPlatformConflictException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformConflictException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformConflictException()
        : base(StatusCode.AlreadyExists, "The change conflicts with the current state.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformConflictException(string message)
        : base(StatusCode.AlreadyExists, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformConflictException(string message, Exception innerException)
        : base(StatusCode.AlreadyExists, message, innerException)
    {
    }
}
