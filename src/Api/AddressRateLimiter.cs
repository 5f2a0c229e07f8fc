using System.Net;
using System.Threading.RateLimiting;

namespace AgentPlatform.Api;

/// <summary>A token bucket per client address, for the routes a caller without a key can use.</summary>
/// <remarks>Built on <see cref="PartitionedRateLimiter"/>, which disposes the buckets of addresses that went quiet, so a
/// flood from many addresses costs memory only while it lasts. Behind a reverse proxy every request shares the proxy's
/// address unless forwarded headers are configured (ASP.NET Core's <c>UseForwardedHeaders</c>).</remarks>
public sealed class AddressRateLimiter : IDisposable
{
    /// <summary>How often a fast bucket is topped up; a rate under one permit per period adds one permit per 1/rate instead.</summary>
    private static readonly TimeSpan ReplenishEvery = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<IPAddress> _limiter;
    private readonly TimeSpan _replenishment;

    /// <summary>Creates the buckets, each <paramref name="settings"/>' burst deep, refilled at its rate.</summary>
    public AddressRateLimiter(ApiRateLimitOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var slowRate = settings.PermitsPerSecond < 1 / ReplenishEvery.TotalSeconds;
        _replenishment = slowRate ? TimeSpan.FromSeconds(1 / settings.PermitsPerSecond) : ReplenishEvery;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = slowRate ? 1 : (int)Math.Min(int.MaxValue, Math.Round(settings.PermitsPerSecond * ReplenishEvery.TotalSeconds)),
            ReplenishmentPeriod = _replenishment,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));
    }

    /// <summary>Takes one permit for <paramref name="address"/>; when none is left, says how long until one is.</summary>
    /// <returns>Null when the request may proceed, otherwise the time to wait.</returns>
    public TimeSpan? TryAcquire(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address ?? IPAddress.None);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : _replenishment;
    }

    /// <summary>Says how long until <paramref name="address"/> has a whole permit again, without taking one; null when it has one now.</summary>
    /// <remarks>Reads the bucket's whole permits: the token bucket refills continuously, so asking it for zero permits succeeds
    /// as soon as a fraction of one has come back, a permit <see cref="TryAcquire"/> could not take yet. The next whole permit
    /// arrives within one replenishment.</remarks>
    public TimeSpan? WaitFor(IPAddress? address) =>
        _limiter.GetStatistics(address ?? IPAddress.None) is { CurrentAvailablePermits: < 1 } ? _replenishment : null;

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();
}
