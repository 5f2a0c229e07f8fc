namespace AgentPlatform.TestKit.Llm;

/// <summary>A fault the test LLM server answers one request with instead of a reply.</summary>
public enum TestLlmFault
{
    /// <summary>HTTP 500 with an OpenAI-style error body.</summary>
    ServerError,

    /// <summary>HTTP 200 whose body is not valid JSON.</summary>
    MalformedJson,

    /// <summary>A streamed reply cut off after its first chunk (the connection is aborted); a non-streamed one cut mid-body.</summary>
    TruncatedStream,

    /// <summary>HTTP 429 with <c>Retry-After</c> and <c>retry-after-ms</c> of <see cref="TestLlmScript.FaultRetryAfter"/>.</summary>
    RateLimited,
}
