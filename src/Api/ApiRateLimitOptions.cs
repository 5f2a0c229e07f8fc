namespace AgentPlatform.Api;

/// <summary>The token bucket applied to each API key.</summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>Tokens added per second.</summary>
    public double PermitsPerSecond { get; set; } = 20;

    /// <summary>The bucket size: how many requests may arrive at once after a quiet period.</summary>
    public int Burst { get; set; } = 40;
}
