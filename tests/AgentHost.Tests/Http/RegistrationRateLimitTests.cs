using System.Net;

namespace AgentPlatform.AgentHost.Tests.Http;

public sealed class RegistrationRateLimitTests
{
    [Fact]
    public async Task An_address_over_its_registration_bucket_gets_429_with_retry_after_and_nothing_is_registered()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:RegistrationRateLimit:PermitsPerSecond"] = "0.01",
            ["Api:RegistrationRateLimit:Burst"] = "2",
        });
        await host.RegisterAsync("first");
        await host.RegisterAsync("second");
        var before = await host.SnapshotAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/agents", null, """{"name":"third"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var problem = await TestHost.ReadJsonAsync(response);
        Assert.EndsWith("rate-limited", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("registrations from this address", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 100);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task The_registration_limit_leaves_agents_with_keys_alone()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:RegistrationRateLimit:PermitsPerSecond"] = "0.01",
            ["Api:RegistrationRateLimit:Burst"] = "1",
        });
        var (_, key) = await host.RegisterAsync("only");
        using var refused = await host.SendAsync(HttpMethod.Post, "api/v1/agents", null, """{"name":"another"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        using var heartbeat = await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        using var me = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);

        Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}

public sealed class RegistrationRateLimiterTests
{
    [Theory]
    [InlineData(0.01, 3)]
    [InlineData(2.5, 3)]
    [InlineData(1_000_000_000, 3)]
    public void Any_valid_rate_gives_a_bucket_of_burst_permits_per_address(double permitsPerSecond, int burst)
    {
        using var limiter = new AgentPlatform.Api.RegistrationRateLimiter(Microsoft.Extensions.Options.Options.Create(
            new AgentPlatform.Api.ApiOptions { RegistrationRateLimit = new() { PermitsPerSecond = permitsPerSecond, Burst = burst } }));
        var first = IPAddress.Parse("192.0.2.1");

        var granted = Enumerable.Range(0, burst).Count(_ => limiter.TryAcquire(first) is null);
        var refused = limiter.TryAcquire(first);

        Assert.Equal(burst, granted);
        Assert.NotNull(refused);
        Assert.Null(limiter.TryAcquire(IPAddress.Parse("192.0.2.2")));
    }
}
