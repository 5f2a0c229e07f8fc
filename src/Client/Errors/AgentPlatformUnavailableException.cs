using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The host could not be reached or is at capacity (UNAVAILABLE); retrying later may succeed.</summary>
public sealed class AgentPlatformUnavailableException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformUnavailableException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformUnavailableException()
        : base(StatusCode.Unavailable, "The host is unavailable.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformUnavailableException(string message)
        : base(StatusCode.Unavailable, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformUnavailableException(string message, Exception innerException)
        : base(StatusCode.Unavailable, message, innerException)
    {
    }
}
