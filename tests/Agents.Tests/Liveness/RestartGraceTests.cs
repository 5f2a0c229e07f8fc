using AgentPlatform.Agents.Liveness;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Missed heartbeats after a restart count from the later of the last heartbeat and the runtime's start (plus the restart
/// grace), on the embedded runtime over one SQLite file with a manual clock.</summary>
public sealed class RestartGraceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Window = 3 * Interval;
    private static readonly TimeSpan Downtime = 4 * Interval;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-grace-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task By_default_an_agent_online_when_the_host_went_down_gets_one_full_window_after_the_restart()
    {
        await HeartbeatThenGoDownAsync(grace: null);

        await using var restarted = await StartAsync(grace: null);
        await using var changes = await StatusChanges.SubscribeAsync(restarted.PubSub);
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AgentStatus.Idle, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(
            new AgentStatusChanged("worker-1", AgentStatus.Idle, AgentStatus.Offline, Start, Start + Downtime + Window),
            await changes.NextAsync());
    }

    [Fact]
    public async Task An_agent_that_heartbeats_again_within_the_grace_never_turns_offline_and_counts_from_that_heartbeat()
    {
        await HeartbeatThenGoDownAsync(grace: null);

        await using var restarted = await StartAsync(grace: null);
        _time.Advance(2 * Interval);
        await restarted.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AgentStatus.Idle, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(AgentStatus.Offline, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_configured_grace_longer_than_the_window_holds_the_agent_online_that_long_after_the_restart()
    {
        var grace = 6 * Interval;
        await HeartbeatThenGoDownAsync(grace);

        await using var restarted = await StartAsync(grace);
        _time.Advance(grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AgentStatus.Idle, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(AgentStatus.Offline, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_grace_of_zero_counts_the_downtime_as_missed_heartbeats()
    {
        await HeartbeatThenGoDownAsync(TimeSpan.Zero);

        await using var restarted = await StartAsync(TimeSpan.Zero);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(AgentStatus.Offline, (await restarted.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Starts a host, heartbeats <c>worker-1</c> at <see cref="Start"/>, stops the host and lets <see cref="Downtime"/>
    /// (longer than the window) pass before the caller starts it again.</summary>
    private async Task HeartbeatThenGoDownAsync(TimeSpan? grace)
    {
        await using (var first = await StartAsync(grace))
        {
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        }

        _time.Advance(Downtime);
    }

    private Task<AgentTestHost> StartAsync(TimeSpan? grace) =>
        AgentTestHost.StartAsync(
            services => services.AddAgentLiveness(options =>
            {
                options.HeartbeatInterval = Interval;
                options.MissedHeartbeatsBeforeOffline = 3;
                options.RestartGrace = grace;
            }),
            _time,
            _directory);
}
