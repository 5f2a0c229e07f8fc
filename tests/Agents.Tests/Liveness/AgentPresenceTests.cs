using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Liveness on the embedded runtime with a manual clock.</summary>
/// <remarks>Advancing the clock queues due reminder fires on their actors before it returns, so the next call to the same
/// presence actor runs after them: reading the status right after an advance is deterministic.</remarks>
public sealed class AgentPresenceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-presence-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_agent_never_seen_is_offline_without_a_last_heartbeat()
    {
        await using var host = await StartAsync();

        var presence = await host.Presence.GetAsync("ghost", TestTimeout.After());

        Assert.Equal(new AgentPresence("ghost", AgentStatus.Offline, null, Start), presence);
    }

    [Fact]
    public async Task A_heartbeat_marks_the_agent_idle_and_says_when_the_next_is_due()
    {
        await using var host = await StartAsync();
        _time.Advance(TimeSpan.FromSeconds(2));

        var presence = await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

        Assert.Equal(new AgentPresence("worker-1", AgentStatus.Idle, Start.AddSeconds(2), Start.AddSeconds(7)), presence);
        Assert.Equal(presence, await host.Presence.GetAsync("worker-1", TestTimeout.After()));
    }

    [Fact]
    public async Task An_agent_turns_offline_after_the_configured_missed_heartbeats_and_not_before()
    {
        await using var host = await StartAsync();
        await using var changes = await StatusChanges.SubscribeAsync(host.PubSub);
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        Assert.Equal(AgentStatus.Idle, (await changes.NextAsync()).Current);

        _time.Advance(3 * Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var presence = await host.Presence.GetAsync("worker-1", TestTimeout.After());

        Assert.Equal(AgentStatus.Offline, presence.Status);
        Assert.Equal(Start, presence.LastHeartbeat);
        Assert.Equal(
            new AgentStatusChanged("worker-1", AgentStatus.Idle, AgentStatus.Offline, Start, Start + 3 * Interval),
            await changes.NextAsync());
    }

    [Fact]
    public async Task Misses_count_from_the_last_heartbeat_and_are_detected_at_most_one_interval_late()
    {
        await using var host = await StartAsync();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        _time.Advance(TimeSpan.FromSeconds(4));
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

        foreach (var step in new[] { 1, 5, 5, 4 })
        {
            _time.Advance(TimeSpan.FromSeconds(step));
            Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task The_next_heartbeat_brings_an_offline_agent_back_and_each_change_is_published()
    {
        await using var host = await StartAsync();
        await using var changes = await StatusChanges.SubscribeAsync(host.PubSub);
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        Assert.Equal((AgentStatus.Offline, AgentStatus.Idle), Transition(await changes.NextAsync()));
        _time.Advance(4 * Interval);
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        Assert.Equal((AgentStatus.Idle, AgentStatus.Offline), Transition(await changes.NextAsync()));

        var back = await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

        Assert.Equal(AgentStatus.Idle, back.Status);
        Assert.Equal(Start + 4 * Interval, back.LastHeartbeat);
        Assert.Equal((AgentStatus.Offline, AgentStatus.Idle), Transition(await changes.NextAsync()));
        _time.Advance(3 * Interval);
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task The_busy_flag_survives_heartbeats_until_cleared()
    {
        await using var host = await StartAsync();

        Assert.Equal(AgentStatus.Busy, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Busy, TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Busy, (await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Idle, TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_busy_agent_that_went_offline_comes_back_idle()
    {
        await using var host = await StartAsync();
        await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Busy, TestTimeout.After());
        _time.Advance(3 * Interval);
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);

        Assert.Equal(AgentStatus.Idle, (await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_restart_keeps_status_last_heartbeat_and_the_offline_check()
    {
        await using (var first = await StartAsync(_directory))
        {
            await first.Presence.HeartbeatAsync("worker-2", TestTimeout.After());
            _time.Advance(3 * Interval);
            Assert.Equal(AgentStatus.Offline, (await first.Presence.GetAsync("worker-2", TestTimeout.After())).Status);
            await first.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Busy, TestTimeout.After());
        }

        await using var second = await StartAsync(_directory);

        Assert.Equal(
            new AgentPresence("worker-1", AgentStatus.Busy, Start + 3 * Interval, Start + 4 * Interval),
            await second.Presence.GetAsync("worker-1", TestTimeout.After()));
        Assert.Equal(AgentStatus.Offline, (await second.Presence.GetAsync("worker-2", TestTimeout.After())).Status);
        _time.Advance(3 * Interval);
        Assert.Equal(AgentStatus.Offline, (await second.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_reminder_left_from_before_a_restart_fires_without_any_call()
    {
        await using (var first = await StartAsync(_directory))
        {
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        }

        await using var second = await StartAsync(_directory);
        await using var changes = await StatusChanges.SubscribeAsync(second.PubSub);
        _time.Advance(3 * Interval);

        Assert.Equal(new AgentStatusChanged("worker-1", AgentStatus.Idle, AgentStatus.Offline, Start, Start + 3 * Interval), await changes.NextAsync());
    }

    [Fact]
    public async Task Remove_forgets_the_state_and_the_reminder()
    {
        await using var host = await StartAsync();
        await using var changes = await StatusChanges.SubscribeAsync(host.PubSub);
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        Assert.Equal(AgentStatus.Idle, (await changes.NextAsync()).Current);
        var actor = ActorId.Create(AgentLiveness.ActorType, "worker-1");
        Assert.NotNull(await host.Reminders.GetAsync(actor, "liveness", TestTimeout.After()));

        await host.Presence.RemoveAsync("worker-1", TestTimeout.After());

        Assert.Null(await host.Reminders.GetAsync(actor, "liveness", TestTimeout.After()));
        Assert.Equal(new AgentPresence("worker-1", AgentStatus.Offline, null, Start), await host.Presence.GetAsync("worker-1", TestTimeout.After()));
        Assert.Equal((AgentStatus.Idle, AgentStatus.Offline), Transition(await changes.NextAsync()));
    }

    [Fact]
    public async Task Heartbeats_register_the_reminder_once()
    {
        var store = new RecordingReminderStore(new InMemoryReminderStore());
        await using var host = await StartAsync(configure: services => services.AddSingleton<IReminderStore>(store));

        for (var i = 0; i < 50; i++)
        {
            await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        }

        Assert.Equal(1, store.Saves);
    }

    [Fact]
    public async Task Many_agents_heartbeating_every_interval_never_turn_offline()
    {
        await using var host = await StartAsync();
        var agents = Enumerable.Range(0, 1000).Select(i => $"fleet/agent-{i}").ToArray();

        for (var round = 0; round < 8; round++)
        {
            await Task.WhenAll(agents.Select(a => host.Presence.HeartbeatAsync(a, TestTimeout.After()).AsTask()));
            _time.Advance(Interval);
            var statuses = await Task.WhenAll(agents.Select(a => host.Presence.GetAsync(a, TestTimeout.After()).AsTask()));
            Assert.All(statuses, p => Assert.Equal(AgentStatus.Idle, p.Status));
        }

        _time.Advance(2 * Interval);
        var final = await Task.WhenAll(agents.Select(a => host.Presence.GetAsync(a, TestTimeout.After()).AsTask()));
        Assert.All(final, p => Assert.Equal(AgentStatus.Offline, p.Status));
    }

    [Fact]
    public async Task Agents_of_in_process_agent_types_are_always_alive()
    {
        await using var host = await StartAsync(configure: services =>
            services.AddAgents(agents => agents.AddAgent<Core.EchoAgent>("echo")).Services.AddSingleton<Core.CallProbe>());

        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("echo/e1", TestTimeout.After())).Status);
        await host.Presence.HeartbeatAsync("echo/e1", TestTimeout.After());
        _time.Advance(10 * Interval);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("echo/e1", TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("other/e1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task Ids_with_a_slash_or_a_percent_map_to_distinct_presence_actors()
    {
        await using var host = await StartAsync();

        await host.Presence.HeartbeatAsync("team/a", TestTimeout.After());
        var escaped = await host.Presence.HeartbeatAsync("team%2Fa", TestTimeout.After());
        await host.Presence.RemoveAsync("team/a", TestTimeout.After());

        Assert.Equal("team%2Fa", escaped.AgentId);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("team%2Fa", TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("team/a", TestTimeout.After())).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b/c")]
    [InlineData("/b")]
    [InlineData("x#y")]
    [InlineData("..")]
    public async Task Invalid_agent_ids_are_rejected(string agentId)
    {
        await using var host = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await host.Presence.HeartbeatAsync(agentId, TestTimeout.After()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static (AgentStatus Previous, AgentStatus Current) Transition(AgentStatusChanged change) => (change.Previous, change.Current);

    private Task<AgentTestHost> StartAsync(string? dataDirectory = null, Action<IServiceCollection>? configure = null) =>
        AgentTestHost.StartAsync(
            services =>
            {
                services.AddAgentLiveness(options =>
                {
                    options.HeartbeatInterval = Interval;
                    options.MissedHeartbeatsBeforeOffline = 3;
                });
                configure?.Invoke(services);
            },
            _time,
            dataDirectory);
}
