namespace AgentPlatform.Llm.Governor;

/// <summary>Why an LLM call failed, as far as the governor's pacing is concerned.</summary>
public enum LlmFailureKind
{
    /// <summary>HTTP 429: the endpoint pauses for the announced <c>Retry-After</c> and its concurrency limit shrinks.</summary>
    RateLimited,

    /// <summary>The call timed out (HTTP 408 or no answer in time): the limit shrinks and the caller backs off.</summary>
    TimedOut,

    /// <summary>HTTP 5xx or a reply that could not be read (malformed JSON): the caller backs off.</summary>
    ServerError,

    /// <summary>The connection failed or broke off (a truncated stream): the caller backs off.</summary>
    Network,

    /// <summary>Any other refusal (HTTP 4xx such as a bad request or a wrong key): retrying cannot help.</summary>
    Rejected,
}
