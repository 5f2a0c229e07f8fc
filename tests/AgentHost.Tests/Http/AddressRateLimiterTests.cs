using System.Net;

namespace AgentPlatform.AgentHost.Tests.Http;

public sealed class AddressRateLimiterTests
{
    [Fact]
    public void Waiting_is_reported_without_taking_a_permit_and_only_for_the_exhausted_address()
    {
        using var limiter = new AddressRateLimiter(new ApiRateLimitOptions { PermitsPerSecond = 0.01, Burst = 2 });
        var exhausted = IPAddress.Parse("192.0.2.1");

        Assert.Null(limiter.WaitFor(exhausted));
        Assert.Null(limiter.TryAcquire(exhausted));
        Assert.Null(limiter.WaitFor(exhausted));
        Assert.Null(limiter.TryAcquire(exhausted));

        Assert.InRange(limiter.WaitFor(exhausted)!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));
        Assert.NotNull(limiter.TryAcquire(exhausted));
        Assert.Null(limiter.WaitFor(IPAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public async Task An_exhausted_address_gets_a_permit_back_after_one_replenishment()
    {
        using var limiter = new AddressRateLimiter(new ApiRateLimitOptions { PermitsPerSecond = 5, Burst = 1 });
        var address = IPAddress.Parse("192.0.2.3");
        Assert.Null(limiter.TryAcquire(address));
        Assert.NotNull(limiter.WaitFor(address));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while (limiter.WaitFor(address) is not null && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(limiter.WaitFor(address));
    }
}
