using System.Net;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Http;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_bucket_gets_429_with_a_correct_retry_after_until_tokens_return()
    {
        var time = new ManualTimeProvider();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { ["Api:RateLimit:PermitsPerSecond"] = "0.25", ["Api:RateLimit:Burst"] = "2" },
            builder => builder.Services.AddSingleton(sp => new KeyRateLimiter(sp.GetRequiredService<IOptions<ApiOptions>>(), time)));
        var (_, key) = await host.RegisterAsync("limited");
        var (_, other) = await host.RegisterAsync("unlimited-neighbour");

        await AssertStatusAsync(host, key, HttpStatusCode.OK);
        await AssertStatusAsync(host, key, HttpStatusCode.OK);
        await AssertLimitedAsync(host, key, expectedSeconds: 4);

        time.Advance(TimeSpan.FromSeconds(1.5));
        await AssertLimitedAsync(host, key, expectedSeconds: 3);
        await AssertStatusAsync(host, other, HttpStatusCode.OK);

        time.Advance(TimeSpan.FromSeconds(2.5));
        await AssertStatusAsync(host, key, HttpStatusCode.OK);
        await AssertLimitedAsync(host, key, expectedSeconds: 4);
    }

    private static async Task AssertStatusAsync(TestHost host, string key, HttpStatusCode status)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        Assert.Equal(status, response.StatusCode);
    }

    private static async Task AssertLimitedAsync(TestHost host, string key, int expectedSeconds)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), response.Headers.RetryAfter!.Delta);
        Assert.Equal(expectedSeconds, problem["retry_after_seconds"]!.GetValue<int>());
    }
}
