namespace AgentPlatform.Api;

/// <summary>The outcome of <see cref="AgentKeyCheck"/>: the caller, or why the call is refused.</summary>
/// <param name="Caller">The authenticated agent; null when refused.</param>
/// <param name="Failure">Why the key was not accepted (answer 401 / UNAUTHENTICATED); null otherwise.</param>
/// <param name="RetryAfter">Set when the key's rate limit is exhausted (answer 429 / RESOURCE_EXHAUSTED).</param>
public sealed record AgentKeyResult(AgentCaller? Caller, string? Failure, TimeSpan? RetryAfter)
{
    /// <summary>The message of a rate-limited call.</summary>
    public const string RateLimitedMessage = "The API key's request rate limit is exhausted.";

    /// <summary>A refusal for a missing, malformed or invalid key.</summary>
    public static AgentKeyResult Unauthenticated(string failure) => new(null, failure, null);
}
