using Grpc.Core;

namespace AgentPlatform.Client.Errors;

/// <summary>The caller is over a rate limit or a cap of its own (RESOURCE_EXHAUSTED); retry after <see cref="RetryAfter"/>.</summary>
public sealed class AgentPlatformRateLimitedException : AgentPlatformException
{
    /// <summary>Creates the exception from the host's answer and its retry delay.</summary>
    public AgentPlatformRateLimitedException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(StatusCode.ResourceExhausted, message, innerException) => RetryAfter = retryAfter;

    /// <summary>Creates the exception with a default message.</summary>
    public AgentPlatformRateLimitedException()
        : this("Too many requests.", (TimeSpan?)null)
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public AgentPlatformRateLimitedException(string message)
        : this(message, (TimeSpan?)null)
    {
    }

    /// <summary>Creates the exception with the given message and its cause.</summary>
    public AgentPlatformRateLimitedException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>How long to wait before trying again (the host's <c>google.rpc.RetryInfo</c>); null when it gave none,
    /// as for an oversized message.</summary>
    public TimeSpan? RetryAfter { get; }
}
