using AgentPlatform.Llm.Governor;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Governor;

public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NeverMoreCallsAreInFlightThanTheLimit()
    {
        var token = TestTimeout.After();
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript { Latency = TimeSpan.FromMilliseconds(60) });
        var options = new LlmGovernorOptions { InitialConcurrency = 3, MinConcurrency = 1, MaxConcurrency = 3 };
        using var rig = GovernorRig.Create(server, options, TimeProvider.System);

        var replies = await Task.WhenAll(Enumerable.Range(0, 15).Select(i => rig.AskAsync($"task {i}", token))).WithTimeout();

        Assert.Equal(15, replies.Length);
        Assert.Equal(3, server.MaxInFlight);
        Assert.Equal(0, rig.Endpoint.InFlight);
    }

    [Fact]
    public async Task ConcurrencyConvergesUnderAProviderRateLimit()
    {
        var token = TestTimeout.After(60);
        // 40 requests/s at 100 ms each: about 4 calls in flight is what the provider sustains.
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript
        {
            Latency = TimeSpan.FromMilliseconds(100),
            RequestsPerSecond = 40,
            Burst = 4,
        });
        var options = new LlmGovernorOptions { InitialConcurrency = 32, MaxConcurrency = 64, MaxAttempts = 50, BackoffBase = TimeSpan.FromMilliseconds(20) };
        using var rig = GovernorRig.Create(server, options, TimeProvider.System);

        var replies = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => rig.AskAsync($"task {i}", token))).WithTimeout(60);

        var requests = server.Requests;
        var limited = requests.Count(r => r.Status == 429);
        var lastHalf = requests.Skip(requests.Count / 2).ToList();
        var limitedLate = lastHalf.Count(r => r.Status == 429);
        output.WriteLine($"requests {requests.Count}, 429s {limited}, 429s in the last half {limitedLate}, final limit {rig.Endpoint.Limit}");
        Assert.Equal(120, replies.Length);
        Assert.InRange(rig.Endpoint.Limit, 1, 12);
        Assert.True(limitedLate <= lastHalf.Count / 4, $"{limitedLate} of the last {lastHalf.Count} requests were rate limited.");
    }

    [Fact]
    public async Task A429StormEndsWithoutARetryStorm()
    {
        var token = TestTimeout.After(60);
        // 100 requests/s at 50 ms each: about 5 calls in flight is what the provider sustains, and 64 start at once.
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript
        {
            Latency = TimeSpan.FromMilliseconds(50),
            RequestsPerSecond = 100,
            Burst = 10,
        });
        var options = new LlmGovernorOptions { InitialConcurrency = 64, MaxConcurrency = 64, MaxAttempts = 50, BackoffBase = TimeSpan.FromMilliseconds(20) };
        using var rig = GovernorRig.Create(server, options, TimeProvider.System);

        var replies = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => rig.AskAsync($"task {i}", token))).WithTimeout(60);

        var requests = server.Requests;
        var limited = requests.Count(r => r.Status == 429);
        var lastHalf = requests.Skip(requests.Count / 2).ToList();
        var limitedLate = lastHalf.Count(r => r.Status == 429);
        output.WriteLine($"requests {requests.Count}, 429s {limited}, 429s in the last half {limitedLate}, final limit {rig.Endpoint.Limit}");
        Assert.Equal(150, replies.Length);
        // The first wave of 64 meets a bucket of 10; a client retrying each 429 on its own would send several times that.
        Assert.True(limited <= 120, $"{limited} requests were rate limited for 150 calls.");
        Assert.True(limitedLate <= lastHalf.Count / 5, $"The storm was still going on: {limitedLate} of the last {lastHalf.Count} requests were rate limited.");
    }
}
