using AgentPlatform.Agents.Liveness;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>The task port and declarations on the embedded runtime with a manual clock: load, status, track record, published
/// registry entries.</summary>
public sealed class AgentWorkloadTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-workload-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Tasks_in_flight_turn_an_agent_working_then_busy_at_its_limit_and_back()
    {
        await using var host = await StartAsync();
        var workload = host.Get<IAgentWorkload>();
        await host.Presence.DeclareAsync("worker-1", new AgentDeclaration(MaxConcurrentTasks: 2), TestTimeout.After());
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

        var one = await workload.TaskStartedAsync("worker-1", TestTimeout.After());
        var two = await workload.TaskStartedAsync("worker-1", TestTimeout.After());
        var back = await workload.TaskFinishedAsync("worker-1", succeeded: true, TimeSpan.FromMilliseconds(100), TestTimeout.After());

        Assert.Equal((AgentStatus.Working, 1), (one.Status, one.Load));
        Assert.Equal((AgentStatus.Busy, 2), (two.Status, two.Load));
        Assert.Equal((AgentStatus.Working, 1), (back.Status, back.Load));
        Assert.Equal(AgentStatus.Idle, (await workload.TaskFinishedAsync("worker-1", true, TimeSpan.FromMilliseconds(200), TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_failed_task_turns_the_agent_error_until_it_declares_itself_idle()
    {
        await using var host = await StartAsync();
        var workload = host.Get<IAgentWorkload>();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        await workload.TaskStartedAsync("worker-1", TestTimeout.After());

        var failed = await workload.TaskFinishedAsync("worker-1", succeeded: false, TimeSpan.FromSeconds(1), TestTimeout.After());

        Assert.Equal(AgentStatus.Error, failed.Status);
        Assert.Equal(AgentStatus.Error, (await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Idle, TestTimeout.After())).Status);
    }

    [Fact]
    public async Task A_success_after_a_failure_recovers_the_agent()
    {
        await using var host = await StartAsync();
        var workload = host.Get<IAgentWorkload>();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        await workload.TaskFinishedAsync("worker-1", succeeded: false, TimeSpan.Zero, TestTimeout.After());

        Assert.Equal(AgentStatus.Idle, (await workload.TaskFinishedAsync("worker-1", succeeded: true, TimeSpan.Zero, TestTimeout.After())).Status);
    }

    [Fact]
    public async Task The_track_record_counts_outcomes_and_smooths_latency()
    {
        await using var host = await StartAsync(configure: o => o.LatencySmoothing = 0.5);
        var workload = host.Get<IAgentWorkload>();

        await workload.TaskFinishedAsync("worker-1", true, TimeSpan.FromMilliseconds(100), TestTimeout.After());
        await workload.TaskFinishedAsync("worker-1", false, TimeSpan.FromMilliseconds(300), TestTimeout.After());
        var presence = await workload.TaskFinishedAsync("worker-1", true, TimeSpan.FromMilliseconds(400), TestTimeout.After());

        Assert.Equal(new AgentTrackRecord(2, 1, 300), presence.TrackRecord);
        Assert.Equal(3.0 / 5.0, presence.TrackRecord.SuccessRate);
        Assert.Equal(0.5, AgentTrackRecord.None.SuccessRate);
    }

    [Fact]
    public async Task Waiting_and_busy_declarations_take_precedence_over_load_and_idle_clears_them()
    {
        await using var host = await StartAsync();

        Assert.Equal(AgentStatus.Waiting, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Waiting, TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Waiting, (await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Busy, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Busy, TestTimeout.After())).Status);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Idle, TestTimeout.After())).Status);
    }

    [Fact]
    public async Task Every_change_matching_cares_about_is_published_with_a_higher_version_and_plain_heartbeats_are_not()
    {
        await using var host = await StartAsync();
        await using var entries = await RegistryEntries.SubscribeAsync(host.PubSub);
        var capabilities = new Dictionary<string, double> { ["search"] = 0.8 };

        await host.Presence.DeclareAsync("worker-1", new AgentDeclaration(capabilities, 3), TestTimeout.After());
        var declared = await entries.NextAsync();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        var online = await entries.NextAsync();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        await host.Get<IAgentWorkload>().TaskStartedAsync("worker-1", TestTimeout.After());
        var started = await entries.NextAsync();
        await host.Presence.RemoveAsync("worker-1", TestTimeout.After());
        var removed = await entries.NextAsync();

        Assert.Equal((AgentStatus.Offline, 0.8, 3, 1L), (declared.Status, declared.Capabilities["search"], declared.MaxConcurrentTasks, declared.Version));
        Assert.Equal((AgentStatus.Idle, 2L), (online.Status, online.Version));
        Assert.Equal((AgentStatus.Working, 1, 3L), (started.Status, started.Load, started.Version));
        Assert.True(removed.Removed);
        Assert.True(removed.Version > started.Version);
        Assert.False(entries.TryNext(out _));
    }

    [Fact]
    public async Task Task_changes_made_at_once_for_one_agent_all_count_and_share_turns()
    {
        await using var host = await StartAsync();
        var workload = host.Get<IAgentWorkload>();
        await host.Presence.DeclareAsync("worker-1", new AgentDeclaration(MaxConcurrentTasks: 100), TestTimeout.After());
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        var versionBefore = (await host.Presence.GetEntryAsync("worker-1", TestTimeout.After())).Version;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => workload.TaskStartedAsync("worker-1", TestTimeout.After()).AsTask()));
        var loaded = await host.Presence.GetAsync("worker-1", TestTimeout.After());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(n => workload.TaskFinishedAsync("worker-1", n % 4 != 0, TimeSpan.FromMilliseconds(100), TestTimeout.After()).AsTask()));
        var entry = await host.Presence.GetEntryAsync("worker-1", TestTimeout.After());

        Assert.Equal((AgentStatus.Working, 40), (loaded.Status, loaded.Load));
        Assert.Equal((0, 30L, 10L), (entry.Load, entry.TrackRecord.Successes, entry.TrackRecord.Failures));

        // Every turn that changes the entry moves its version by one: 80 changes one call each would move it by 80.
        Assert.InRange(entry.Version - versionBefore, 2, 79);
    }

    [Fact]
    public async Task Load_track_record_and_declarations_survive_a_restart()
    {
        await using (var first = await StartAsync(_directory))
        {
            await first.Presence.DeclareAsync("worker-1", new AgentDeclaration(new Dictionary<string, double> { ["code"] = 1 }, 4), TestTimeout.After());
            await first.Get<IAgentWorkload>().TaskStartedAsync("worker-1", TestTimeout.After());
            await first.Get<IAgentWorkload>().TaskFinishedAsync("worker-1", true, TimeSpan.FromMilliseconds(50), TestTimeout.After());
            await first.Get<IAgentWorkload>().TaskStartedAsync("worker-1", TestTimeout.After());
        }

        await using var second = await StartAsync(_directory);
        var entry = await second.Presence.GetEntryAsync("worker-1", TestTimeout.After());

        Assert.Equal((1, 4, new AgentTrackRecord(1, 0, 50), 1.0), (entry.Load, entry.MaxConcurrentTasks, entry.TrackRecord, entry.Capabilities["code"]));
    }

    [Fact]
    public async Task An_agent_with_its_own_heartbeat_interval_turns_offline_by_that_interval()
    {
        await using var host = await StartAsync();
        await host.Presence.DeclareAsync("slow-1", new AgentDeclaration(SetHeartbeatInterval: true, HeartbeatInterval: TimeSpan.FromHours(4)), TestTimeout.After());
        var beat = await host.Presence.HeartbeatAsync("slow-1", TestTimeout.After());
        Assert.Equal(Start + TimeSpan.FromHours(4), beat.NextHeartbeatDue);

        _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("slow-1", TestTimeout.After())).Status);
        _time.Advance(TimeSpan.FromHours(4));
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("slow-1", TestTimeout.After())).Status);
    }

    [Fact]
    public async Task Declaring_another_interval_while_online_reschedules_the_offline_check()
    {
        await using var host = await StartAsync();
        await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

        await host.Presence.DeclareAsync("worker-1", new AgentDeclaration(SetHeartbeatInterval: true, HeartbeatInterval: TimeSpan.FromMinutes(1)), TestTimeout.After());
        _time.Advance(4 * Interval);
        Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        _time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10_001, null)]
    [InlineData(null, 0.5)]
    [InlineData(null, 90_000.0)]
    public async Task Declarations_out_of_bounds_are_rejected(int? maxTasks, double? intervalSeconds)
    {
        await using var host = await StartAsync();
        var declaration = new AgentDeclaration(
            MaxConcurrentTasks: maxTasks, SetHeartbeatInterval: intervalSeconds is not null,
            HeartbeatInterval: intervalSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        await Assert.ThrowsAsync<ArgumentException>(async () => await host.Presence.DeclareAsync("worker-1", declaration, TestTimeout.After()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<AgentTestHost> StartAsync(string? dataDirectory = null, Action<AgentLivenessOptions>? configure = null) =>
        AgentTestHost.StartAsync(
            services => services.AddAgentLiveness(options =>
            {
                options.HeartbeatInterval = Interval;
                options.MissedHeartbeatsBeforeOffline = 3;
                configure?.Invoke(options);
            }),
            _time,
            dataDirectory);
}
