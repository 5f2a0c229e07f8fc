using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Agents.Tests.Dispatch;

public sealed class AgentTaskOptionsTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 3600 + 1)]
    public void A_restart_grace_below_zero_or_above_a_day_is_rejected_in_one_line_naming_it(int seconds)
    {
        var result = new AgentTaskOptionsValidator().Validate(null, new AgentTaskOptions { RestartGrace = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Tasks:RestartGrace must be between zero and one day", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void A_lease_ends_as_granted_or_one_lease_after_the_start_by_default_whichever_is_later()
    {
        var options = new AgentTaskOptions { LeaseDuration = TimeSpan.FromSeconds(30) };

        Assert.Null(options.RestartGrace);
        Assert.Equal(Started.AddSeconds(30), options.LeaseEnd(Started.AddSeconds(-5), Started));
        Assert.Equal(Started.AddSeconds(31), options.LeaseEnd(Started.AddSeconds(31), Started));
    }

    [Fact]
    public void A_configured_restart_grace_replaces_the_lease_length_after_the_start()
    {
        var options = new AgentTaskOptions { LeaseDuration = TimeSpan.FromSeconds(30), RestartGrace = TimeSpan.FromSeconds(90) };

        Assert.True(new AgentTaskOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(Started.AddSeconds(90), options.LeaseEnd(Started.AddSeconds(10), Started));
        Assert.Equal(Started.AddSeconds(-5), options.LeaseEnd(Started.AddSeconds(-5), Started.AddSeconds(-100)));
    }
}
