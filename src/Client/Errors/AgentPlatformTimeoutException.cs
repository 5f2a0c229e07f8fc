using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>What the call waited for (a reply to a request) did not come in time (DEADLINE_EXCEEDED).</summary>
public sealed class AgentPlatformTimeoutException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformTimeoutException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformTimeoutException()
        : base(StatusCode.DeadlineExceeded, "The wait timed out.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformTimeoutException(string message)
        : base(StatusCode.DeadlineExceeded, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformTimeoutException(string message, Exception innerException)
        : base(StatusCode.DeadlineExceeded, message, innerException)
    {
    }
}
