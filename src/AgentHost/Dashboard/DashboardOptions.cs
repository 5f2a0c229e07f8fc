namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Settings of the operator dashboard at <c>/dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>How long a sign-in lasts before the operator must enter the token again (default 8 hours).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How many live update streams the host serves at once, over all sessions (default 32); one more is refused
    /// with 429 and the browser retries.</summary>
    public int MaxStreams { get; set; } = 32;

    /// <summary>How often the live feed looks for changes of channels and workflows while a page is open (default 1 s); agent
    /// changes arrive as notifications and go out at the same pace.</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed sign-ins allowed per client address: <c>Burst</c> at once (default 5), then one per 1/<c>PermitsPerSecond</c>
    /// seconds (default 0.1: one every 10 s). Beyond that a sign-in is answered 429 with <c>Retry-After</c>.</summary>
    public ApiRateLimitOptions SignInAttempts { get; set; } = new() { PermitsPerSecond = 0.1, Burst = 5 };

    /// <summary>The service key of the <see cref="AddressRateLimiter"/> counting failed sign-ins: each wrong token takes a
    /// permit, and an address with none left is refused before its token is read.</summary>
    public const string SignInLimiterKey = "dashboard-sign-in";
}
