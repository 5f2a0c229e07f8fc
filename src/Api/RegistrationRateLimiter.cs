using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>A token bucket per client address on agent registration, the one route a caller without a key can use to
/// make the host write.</summary>
/// <remarks>Built on <see cref="PartitionedRateLimiter"/>, which disposes the buckets of addresses that went quiet, so a
/// flood from many addresses costs memory only while it lasts. Behind a reverse proxy every request shares the proxy's
/// address unless forwarded headers are configured (ASP.NET Core's <c>UseForwardedHeaders</c>).</remarks>
public sealed class RegistrationRateLimiter : IDisposable
{
    /// <summary>How often a fast bucket is topped up; a rate under one permit per period adds one permit per 1/rate instead.</summary>
    private static readonly TimeSpan ReplenishEvery = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    /// <summary>Creates the limiter from <see cref="ApiOptions.RegistrationRateLimit"/>.</summary>
    public RegistrationRateLimiter(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.RegistrationRateLimit;
        var slowRate = settings.PermitsPerSecond < 1 / ReplenishEvery.TotalSeconds;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = slowRate ? 1 : (int)Math.Min(int.MaxValue, Math.Round(settings.PermitsPerSecond * ReplenishEvery.TotalSeconds)),
            ReplenishmentPeriod = slowRate ? TimeSpan.FromSeconds(1 / settings.PermitsPerSecond) : ReplenishEvery,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));
    }

    /// <summary>Takes one registration permit for <paramref name="address"/>; when none is left, says how long until one is.</summary>
    /// <returns>Null when the registration may proceed, otherwise the time to wait.</returns>
    public TimeSpan? TryAcquire(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address ?? IPAddress.None);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();
}
