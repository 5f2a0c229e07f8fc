using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Embedded.PubSub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Tests.Liveness;

public sealed class AgentLivenessOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new AgentLivenessOptions();

        Assert.True(new AgentLivenessOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal(3, options.MissedHeartbeatsBeforeOffline);
        Assert.Equal("Agents:Liveness", AgentLivenessOptions.SectionName);
    }

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var result = new AgentLivenessOptionsValidator().Validate(
            null, new AgentLivenessOptions { HeartbeatInterval = TimeSpan.Zero, MissedHeartbeatsBeforeOffline = 0 });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("HeartbeatInterval", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MissedHeartbeatsBeforeOffline", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, 10_001)]
    [InlineData(3, -1)]
    [InlineData(1, 1)]
    public void A_persist_bound_that_could_turn_an_agent_on_schedule_offline_after_a_restart_is_rejected(int misses, int persistEveryMs)
    {
        var result = new AgentLivenessOptionsValidator().Validate(null, new AgentLivenessOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            MissedHeartbeatsBeforeOffline = misses,
            PersistHeartbeatEvery = TimeSpan.FromMilliseconds(persistEveryMs),
        });

        Assert.True(result.Failed);
        Assert.Contains("PersistHeartbeatEvery", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 10_000)]
    [InlineData(3, 0)]
    [InlineData(1, 0)]
    public void A_persist_bound_up_to_the_intervals_before_offline_minus_one_is_accepted(int misses, int persistEveryMs)
    {
        var options = new AgentLivenessOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            MissedHeartbeatsBeforeOffline = misses,
            PersistHeartbeatEvery = TimeSpan.FromMilliseconds(persistEveryMs),
        };

        Assert.True(new AgentLivenessOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_persist_bound_defaults_to_the_interval_and_to_zero_with_a_single_miss()
    {
        Assert.Null(new AgentLivenessOptions().PersistHeartbeatEvery);
        Assert.True(new AgentLivenessOptionsValidator().Validate(null, new AgentLivenessOptions { MissedHeartbeatsBeforeOffline = 1 }).Succeeded);
        Assert.Throws<OptionsValidationException>(() => AgentLiveness.CreateActorType(
            new AgentLivenessOptions { PersistHeartbeatEvery = TimeSpan.FromSeconds(11) }, new InMemoryPubSub()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 3600 + 1)]
    public void A_restart_grace_below_zero_or_above_a_day_is_rejected_in_one_line_naming_it(int seconds)
    {
        var result = new AgentLivenessOptionsValidator().Validate(null, new AgentLivenessOptions { RestartGrace = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Agents:Liveness:RestartGrace must be between 0 and 1.00:00:00", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void A_restart_grace_of_zero_or_a_day_is_accepted_and_none_by_default()
    {
        Assert.Null(new AgentLivenessOptions().RestartGrace);
        Assert.True(new AgentLivenessOptionsValidator().Validate(null, new AgentLivenessOptions { RestartGrace = TimeSpan.Zero }).Succeeded);
        Assert.True(new AgentLivenessOptionsValidator().Validate(null, new AgentLivenessOptions { RestartGrace = TimeSpan.FromDays(1) }).Succeeded);
    }

    [Fact]
    public void Bad_options_fail_through_di_and_the_hand_wired_factory()
    {
        using var provider = new ServiceCollection()
            .AddAgentLiveness(options => options.MissedHeartbeatsBeforeOffline = -1)
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AgentLivenessOptions>>().Value);
        Assert.Throws<OptionsValidationException>(() => AgentLiveness.CreateActorType(
            new AgentLivenessOptions { HeartbeatInterval = TimeSpan.FromDays(2) }, new InMemoryPubSub()));
    }

    [Fact]
    public void Adding_liveness_twice_registers_it_once()
    {
        var services = new ServiceCollection().AddAgentLiveness().AddAgentLiveness();

        Assert.Single(services, d => d.ServiceType == typeof(IAgentPresence));
    }

    [Fact]
    public void Presence_serializes_status_by_name_with_explicit_property_names()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            new AgentPresence("a", AgentStatus.Busy, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal("""{"agentId":"a","status":"Busy","lastHeartbeat":null,"nextHeartbeatDue":"2026-01-01T00:00:00+00:00","load":0,"maxConcurrentTasks":1,"heartbeatInterval":null,"trackRecord":{"successes":0,"failures":0,"latencyEwmaMs":null}}""", json);
    }
}
