using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>When heartbeats are written: status changes at once, heartbeat times only past <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/>.</summary>
public sealed class HeartbeatPersistenceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-heartbeats-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Heartbeats_within_the_bound_write_no_state_and_the_bound_forces_a_write()
    {
        var (host, store) = await StartAsync(persistEvery: Interval);
        await using (host)
        {
            await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            Assert.Equal(1, store.Commits);

            for (var i = 1; i < 50; i++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                var presence = await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
                Assert.Equal(_time.GetUtcNow(), presence.LastHeartbeat);
            }

            Assert.Equal(1, store.Commits);
            Assert.Equal(Start.AddSeconds(4.9), (await host.Presence.GetAsync("worker-1", TestTimeout.After())).LastHeartbeat);
            Assert.Equal(Start, await PersistedLastHeartbeatAsync(store, "worker-1"));

            _time.Advance(TimeSpan.FromMilliseconds(100));
            await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());

            Assert.Equal(2, store.Commits);
            Assert.Equal(Start + Interval, await PersistedLastHeartbeatAsync(store, "worker-1"));
        }
    }

    [Fact]
    public async Task A_bound_of_zero_writes_every_heartbeat()
    {
        var (host, store) = await StartAsync(persistEvery: TimeSpan.Zero);
        await using (host)
        {
            for (var i = 0; i < 5; i++)
            {
                await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
                _time.Advance(TimeSpan.FromMilliseconds(10));
            }

            Assert.Equal(5, store.Commits);
        }
    }

    [Fact]
    public async Task The_offline_check_uses_the_last_heartbeat_in_memory()
    {
        var (host, store) = await StartAsync(persistEvery: 2 * Interval);
        await using (host)
        {
            await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            _time.Advance(2 * Interval - TimeSpan.FromMilliseconds(1));
            await host.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            Assert.Equal(1, store.Commits);

            _time.Advance(3 * Interval - TimeSpan.FromMilliseconds(1));
            Assert.Equal(AgentStatus.Idle, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
            _time.Advance(Interval);
            Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
        }
    }

    [Fact]
    public async Task Status_changes_are_durable_before_the_answer()
    {
        var (first, firstStore) = await StartAsync(persistEvery: 2 * Interval, _directory);
        await using (first)
        {
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            await first.Presence.HeartbeatAsync("worker-2", TestTimeout.After());
            _time.Advance(TimeSpan.FromSeconds(1));
            await first.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Busy, TestTimeout.After());
            firstStore.Die();
        }

        var (second, secondStore) = await StartAsync(persistEvery: 2 * Interval, _directory);
        await using (second)
        {
            Assert.Equal(
                new AgentPresence("worker-1", AgentStatus.Busy, Start.AddSeconds(1), Start.AddSeconds(1) + Interval),
                await second.Presence.GetAsync("worker-1", TestTimeout.After()));
            Assert.Equal(AgentStatus.Idle, (await second.Presence.GetAsync("worker-2", TestTimeout.After())).Status);
            await second.Presence.ReportStatusAsync("worker-1", DeclaredStatus.Idle, TestTimeout.After());
            _time.Advance(3 * Interval - TimeSpan.FromSeconds(1));
            Assert.Equal(AgentStatus.Offline, (await second.Presence.GetAsync("worker-2", TestTimeout.After())).Status);
            secondStore.Die();
        }

        var (third, _) = await StartAsync(persistEvery: 2 * Interval, _directory);
        await using (third)
        {
            Assert.Equal(new AgentPresence("worker-1", AgentStatus.Idle, Start.AddSeconds(1), Start.AddSeconds(6)), await third.Presence.GetAsync("worker-1", TestTimeout.After()));
            Assert.Equal(AgentStatus.Offline, (await third.Presence.GetAsync("worker-2", TestTimeout.After())).Status);
        }
    }

    [Fact]
    public async Task Deactivation_persists_the_latest_heartbeat()
    {
        var (first, _) = await StartAsync(persistEvery: 2 * Interval, _directory);
        await using (first)
        {
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            _time.Advance(TimeSpan.FromSeconds(3));
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
        }

        var (second, _) = await StartAsync(persistEvery: 2 * Interval, _directory);
        await using (second)
        {
            Assert.Equal(Start.AddSeconds(3), (await second.Presence.GetAsync("worker-1", TestTimeout.After())).LastHeartbeat);
        }
    }

    [Fact]
    public async Task After_a_crash_an_agent_heartbeating_on_schedule_is_never_marked_offline()
    {
        // The largest bound allowed (two intervals with three misses); heartbeats every second until just below it, none written.
        var bound = 2 * Interval;
        var (first, firstStore) = await StartAsync(bound, _directory);
        await using (first)
        {
            await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            while (_time.GetUtcNow() - Start + TimeSpan.FromSeconds(1) < bound)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                await first.Presence.HeartbeatAsync("worker-1", TestTimeout.After());
            }

            Assert.Equal(1, firstStore.Commits);
            firstStore.Die();
        }

        var (second, _) = await StartAsync(bound, _directory);
        await using (second)
        {
            await using var changes = await StatusChanges.SubscribeAsync(second.PubSub);
            for (var beat = 0; beat < 6; beat++)
            {
                // One interval after the last heartbeat, in small steps so that every reminder check in between runs.
                for (var step = 0; step < 5; step++)
                {
                    _time.Advance(Interval / 5);
                    Assert.Equal(AgentStatus.Idle, (await second.Presence.GetAsync("worker-1", TestTimeout.After())).Status);
                }

                Assert.Equal(AgentStatus.Idle, (await second.Presence.HeartbeatAsync("worker-1", TestTimeout.After())).Status);
            }

            _time.Advance(4 * Interval);
            var offline = await changes.NextAsync();
            Assert.Equal((AgentStatus.Idle, AgentStatus.Offline), (offline.Previous, offline.Current));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<DateTimeOffset?> PersistedLastHeartbeatAsync(CountingActorStateStore store, string agentId)
    {
        var bytes = await store.GetAsync(ActorId.Create(AgentLiveness.ActorType, agentId), "presence", TestTimeout.After());
        return bytes is null ? null : System.Text.Json.JsonDocument.Parse(bytes).RootElement.GetProperty("lastHeartbeat").GetDateTimeOffset();
    }

    private async Task<(AgentTestHost Host, CountingActorStateStore Store)> StartAsync(TimeSpan persistEvery, string? dataDirectory = null)
    {
        var host = await AgentTestHost.StartAsync(
            services =>
            {
                services.AddAgentLiveness(options =>
                {
                    options.HeartbeatInterval = Interval;
                    options.MissedHeartbeatsBeforeOffline = 3;
                    options.PersistHeartbeatEvery = persistEvery;

                    // What a crash loses is measured against the last heartbeat alone, without the grace a restart adds.
                    options.RestartGrace = TimeSpan.Zero;
                });
                services.AddSingleton<IActorStateStore>(sp => new CountingActorStateStore(dataDirectory is null
                    ? new InMemoryActorStateStore()
                    : new SqliteActorStateStore(sp.GetRequiredService<SqliteDatabase>())));
            },
            _time,
            dataDirectory);
        return (host, (CountingActorStateStore)host.Get<IActorStateStore>());
    }
}
