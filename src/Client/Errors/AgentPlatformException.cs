using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>A call to the Agent Platform failed; the subclasses say why (see docs/grpc-api.md for each RPC's errors).</summary>
public class AgentPlatformException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    public AgentPlatformException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>Creates an exception with an unknown status.</summary>
    public AgentPlatformException()
        : this(StatusCode.Unknown, "The call to the Agent Platform failed.")
    {
    }

    /// <summary>Creates an exception with an unknown status and the given message.</summary>
    public AgentPlatformException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception with an unknown status, the given message and its cause.</summary>
    public AgentPlatformException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    /// <summary>The gRPC status the host answered.</summary>
    public StatusCode StatusCode { get; }
}
