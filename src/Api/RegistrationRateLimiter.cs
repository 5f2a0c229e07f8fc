using System.Net;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>An <see cref="AddressRateLimiter"/> on agent registration, the one route a caller without a key can use to make the
/// host write.</summary>
public sealed class RegistrationRateLimiter : IDisposable
{
    private readonly AddressRateLimiter _limiter;

    /// <summary>Creates the limiter from <see cref="ApiOptions.RegistrationRateLimit"/>.</summary>
    public RegistrationRateLimiter(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = new AddressRateLimiter(options.Value.RegistrationRateLimit);
    }

    /// <summary>Takes one registration permit for <paramref name="address"/>; when none is left, says how long until one is.</summary>
    /// <returns>Null when the registration may proceed, otherwise the time to wait.</returns>
    public TimeSpan? TryAcquire(IPAddress? address) => _limiter.TryAcquire(address);

    /// <inheritdoc/>
    public void Dispose() => _limiter.Dispose();
}
