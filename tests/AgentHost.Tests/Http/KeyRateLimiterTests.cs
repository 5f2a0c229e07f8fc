using AgentPlatform.AgentHost.Http;
using AgentPlatform.TestKit;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Http;

public sealed class KeyRateLimiterTests
{
    [Fact]
    public void Bucket_allows_the_burst_then_refills_at_the_configured_rate()
    {
        var time = new ManualTimeProvider();
        var limiter = new KeyRateLimiter(Options.Create(new ApiOptions { RateLimit = new() { PermitsPerSecond = 10, Burst = 3 } }), time);

        Assert.Null(limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("other"));

        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(50), limiter.TryAcquire("k"));
        time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Null(limiter.TryAcquire("k"));

        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("k"));
        Assert.NotNull(limiter.TryAcquire("k"));
    }

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(1, 1)]
    [InlineData(1.001, 2)]
    [InlineData(119.2, 120)]
    public void Retry_after_rounds_up_to_whole_seconds(double seconds, int expected) =>
        Assert.Equal(expected, Problems.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)));
}
