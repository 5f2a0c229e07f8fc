using AgentPlatform.Llm.Governor;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;

namespace AgentPlatform.Llm.Tests.Governor;

public sealed class RetryAfterTests
{
    [Fact]
    public async Task NoCallerSendsARequestBeforeTheRetryAfterOfA429HasPassed()
    {
        var token = TestTimeout.After();
        var time = new ManualTimeProvider();
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript { FaultRetryAfter = TimeSpan.FromMilliseconds(2500) });
        server.Script.EnqueueFaults(TestLlmFault.RateLimited);
        using var rig = GovernorRig.Create(server, new LlmGovernorOptions(), time);

        var first = rig.AskAsync("one", token);
        GovernorRig.Until(() => time.ActiveTimerCount == 1, "the first caller waits out the pause");
        var second = rig.AskAsync("two", token);
        GovernorRig.Until(() => time.ActiveTimerCount == 2, "the second caller, who never saw the 429, waits out the pause too");

        time.Advance(TimeSpan.FromMilliseconds(2499));
        Assert.Single(server.Requests);
        Assert.Equal(429, server.Requests[0].Status);
        Assert.False(first.IsCompleted || second.IsCompleted);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMilliseconds(1), rig.Endpoint.PausedUntil);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var replies = await Task.WhenAll(first, second).WithTimeout();

        Assert.Equal(["echo: one", "echo: two"], replies.Select(r => r.Text));
        Assert.Equal([429, 200, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task AWaitAnnouncedOnlyInWholeSecondsPausesForExactlyThoseSeconds()
    {
        var token = TestTimeout.After();
        var time = new ManualTimeProvider();
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript
        {
            FaultRetryAfter = TimeSpan.FromSeconds(2),
            SendRetryAfterMilliseconds = false,
        });
        server.Script.EnqueueFaults(TestLlmFault.RateLimited);
        using var rig = GovernorRig.Create(server, new LlmGovernorOptions(), time);
        var start = time.GetUtcNow();

        var call = rig.AskAsync("hello", token);
        GovernorRig.Until(() => time.ActiveTimerCount == 1, "the caller waits out the pause");

        Assert.Equal(start + TimeSpan.FromSeconds(2), rig.Endpoint.PausedUntil);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(server.Requests);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("echo: hello", (await call.WithTimeout()).Text);
    }
}
