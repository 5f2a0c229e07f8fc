namespace AgentPlatform.Api;

/// <summary>Settings of the HTTP API: operator token, body limit, per-key and per-address rate limits.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Api";

    /// <summary>The bearer token of admin calls; when null or empty, admin endpoints answer 403.</summary>
    public string? OperatorToken { get; set; }

    /// <summary>The largest accepted request body in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The token bucket applied per API key.</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The token bucket applied per client address to agent registration (the only write without a key).</summary>
    public ApiRateLimitOptions RegistrationRateLimit { get; set; } = new() { PermitsPerSecond = 10, Burst = 100 };
}
