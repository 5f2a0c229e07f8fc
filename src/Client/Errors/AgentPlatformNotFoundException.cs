using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The agent, channel, task or request named does not exist (NOT_FOUND).</summary>
public sealed class AgentPlatformNotFoundException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer.</summary>
    public AgentPlatformNotFoundException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformNotFoundException()
        : base(StatusCode.NotFound, "Not found.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformNotFoundException(string message)
        : base(StatusCode.NotFound, message)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformNotFoundException(string message, Exception innerException)
        : base(StatusCode.NotFound, message, innerException)
    {
    }
}
