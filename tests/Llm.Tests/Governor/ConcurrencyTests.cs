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
        // 40 requests/s at 100 ms each: about 4 calls in flight is what the provider sustains.
        var run = await RunUnderRateLimitAsync(requestsPerSecond: 40, burst: 4, latencyMs: 100, initialConcurrency: 32, calls: 120);

        Assert.InRange(run.FinalLimit, 1, 12);
        Assert.True(run.LimitedLate <= run.LastHalf / 4, $"{run.LimitedLate} of the last {run.LastHalf} requests were rate limited.");
    }

    [Fact]
    public async Task A429StormEndsWithoutARetryStorm()
    {
        // 100 requests/s at 50 ms each: about 5 calls in flight is what the provider sustains, and 64 start at once.
        var run = await RunUnderRateLimitAsync(requestsPerSecond: 100, burst: 10, latencyMs: 50, initialConcurrency: 64, calls: 150);

        // The first wave of 64 meets a bucket of 10; a client retrying each 429 on its own would send several times that.
        Assert.True(run.Limited <= 120, $"{run.Limited} requests were rate limited for 150 calls.");
        // The limit keeps probing one call above what the provider sustains, as additive increase does; on a loaded machine
        // responses bunch up and meet the bucket's burst more often, so a quarter is the bound (as in the convergence test).
        Assert.True(run.LimitedLate <= run.LastHalf / 4, $"The storm was still going on: {run.LimitedLate} of the last {run.LastHalf} requests were rate limited.");
    }

    private async Task<RateLimitedRun> RunUnderRateLimitAsync(int requestsPerSecond, int burst, int latencyMs, int initialConcurrency, int calls)
    {
        var token = TestTimeout.After(60);
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript
        {
            Latency = TimeSpan.FromMilliseconds(latencyMs),
            RequestsPerSecond = requestsPerSecond,
            Burst = burst,
        });
        var options = new LlmGovernorOptions
        {
            InitialConcurrency = initialConcurrency,
            MaxConcurrency = 64,
            MaxAttempts = 50,
            BackoffBase = TimeSpan.FromMilliseconds(20),
        };
        using var rig = GovernorRig.Create(server, options, TimeProvider.System);

        var replies = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => rig.AskAsync($"task {i}", token))).WithTimeout(60);

        Assert.All(replies.Select((reply, i) => (reply, i)), r => Assert.Equal($"echo: task {r.i}", r.reply.Text));
        var requests = server.Requests;
        var lastHalf = requests.Skip(requests.Count / 2).ToList();
        var run = new RateLimitedRun(
            requests.Count(r => r.Status == 429), lastHalf.Count(r => r.Status == 429), lastHalf.Count, rig.Endpoint.Limit);
        output.WriteLine($"requests {requests.Count}, 429s {run.Limited}, 429s in the last half {run.LimitedLate}, final limit {run.FinalLimit}");
        return run;
    }

    private sealed record RateLimitedRun(int Limited, int LimitedLate, int LastHalf, int FinalLimit);
}
