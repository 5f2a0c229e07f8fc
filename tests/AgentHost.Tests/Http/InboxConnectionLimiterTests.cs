using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>The counting behind the inbox connection caps, and the validation of its options.</summary>
public sealed class InboxConnectionLimiterTests
{
    [Fact]
    public void A_long_poll_over_the_per_agent_cap_is_refused_with_429_until_one_is_released()
    {
        var limiter = Limiter(new InboxConnectionOptions { MaxLongPollsPerAgent = 2, MaxStreamsPerAgent = 1, MaxTotal = 10 });
        using var first = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(5));
        var second = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(5));
        using var third = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(5));
        using var otherAgent = limiter.EnterLongPoll("agt_b", TimeSpan.FromSeconds(5));

        Assert.Null(first.Refusal);
        Assert.Null(second.Refusal);
        Assert.False(third.Refusal?.AtHostCapacity);
        Assert.Contains("MaxLongPollsPerAgent", third.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Null(otherAgent.Refusal);

        second.Dispose();
        second.Dispose();
        using var fourth = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(5));
        Assert.Null(fourth.Refusal);
        Assert.Equal(3, limiter.OpenCount);
    }

    [Fact]
    public void A_read_that_does_not_wait_takes_no_place()
    {
        var limiter = Limiter(new InboxConnectionOptions { MaxLongPollsPerAgent = 1, MaxStreamsPerAgent = 1, MaxTotal = 1 });
        using var waiting = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(1));

        using var immediate = limiter.EnterLongPoll("agt_a", TimeSpan.Zero);

        Assert.Same(InboxConnectionLease.Unlimited, immediate);
        Assert.Null(immediate.Refusal);
        Assert.Equal(1, limiter.OpenCount);
    }

    [Fact]
    public void Streams_have_their_own_cap_and_the_total_cap_answers_503()
    {
        var limiter = Limiter(new InboxConnectionOptions { MaxLongPollsPerAgent = 1, MaxStreamsPerAgent = 1, MaxTotal = 2 });
        using var stream = limiter.EnterStream("agt_a");
        using var secondStream = limiter.EnterStream("agt_a");
        using var poll = limiter.EnterLongPoll("agt_a", TimeSpan.FromSeconds(1));
        using var overTotal = limiter.EnterStream("agt_b");

        Assert.Null(stream.Refusal);
        Assert.False(secondStream.Refusal?.AtHostCapacity);
        Assert.Null(poll.Refusal);
        Assert.True(overTotal.Refusal?.AtHostCapacity);
        Assert.Equal(TimeSpan.FromSeconds(1), overTotal.Refusal!.RetryAfter);
    }

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var result = new InboxConnectionOptionsValidator().Validate(null, new InboxConnectionOptions { MaxLongPollsPerAgent = 0, MaxStreamsPerAgent = 1_001, MaxTotal = 0 });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.True(new InboxConnectionOptionsValidator().Validate(null, new InboxConnectionOptions()).Succeeded);
    }

    private static InboxConnectionLimiter Limiter(InboxConnectionOptions options) => new(Options.Create(options));
}
