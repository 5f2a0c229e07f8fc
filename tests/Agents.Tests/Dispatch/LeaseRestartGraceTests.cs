using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.TestKit;
using Microsoft.Data.Sqlite;
using static AgentPlatform.Agents.Tests.Dispatch.AgentTaskDispatcherTests;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>A task lease that ran out while the host was down lasts at least <see cref="AgentTaskOptions.RestartGrace"/> after the
/// restart, on the embedded runtime over one SQLite file with a manual clock.</summary>
public sealed class LeaseRestartGraceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // Longer than the lease and than the holder's heartbeat window (3 × 5 s).
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(20);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agent-task-grace-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new(Start);
    private readonly RecordingOutcomeSink _sink = new();

    [Fact]
    public async Task By_default_the_holder_keeps_a_task_whose_lease_ran_out_during_the_downtime_for_one_lease_after_the_restart()
    {
        var holder = await HandOverThenGoDownAsync(grace: null);

        await using var restarted = await StartAsync(grace: null);
        var tasks = restarted.Get<AgentTaskDispatcher>();
        _time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        var held = await tasks.GetAsync("w:s:1", TestTimeout.After());
        var beat = await tasks.ActAsync("w:s:1", new TaskAct(holder, TaskActKind.Heartbeat), TestTimeout.After());
        var done = await tasks.ActAsync("w:s:1", new TaskAct(holder, TaskActKind.Complete, Json(7)), TestTimeout.After());
        var outcome = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        Assert.Equal((AgentTaskState.Assigned, holder), (held!.State, held.AgentId));
        Assert.Equal((TaskActStatus.Accepted, TaskActStatus.Accepted), (beat.Status, done.Status));
        Assert.Equal((true, holder, 7), (outcome.Succeeded, outcome.AgentId, outcome.Output!.Value.GetInt32()));
        Assert.Single(_sink.All);
    }

    [Fact]
    public async Task Past_the_grace_without_a_task_heartbeat_the_attempt_times_out()
    {
        var holder = await HandOverThenGoDownAsync(grace: null);

        await using var restarted = await StartAsync(grace: null);
        _time.Advance(Lease);
        var outcome = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        Assert.Equal((false, holder), (outcome.Succeeded, outcome.AgentId));
        Assert.Contains("did not heartbeat", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grace_of_zero_times_the_attempt_out_as_soon_as_the_host_is_back()
    {
        var holder = await HandOverThenGoDownAsync(TimeSpan.Zero);

        await using var restarted = await StartAsync(TimeSpan.Zero);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        Assert.Equal((false, holder), (outcome.Succeeded, outcome.AgentId));
        Assert.Contains("did not heartbeat", outcome.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Hands <c>w:s:1</c> to a registered agent, stops the host and lets <see cref="Downtime"/> pass; returns the holder.</summary>
    private async Task<string> HandOverThenGoDownAsync(TimeSpan? grace)
    {
        string holder;
        await using (var first = await StartAsync(grace))
        {
            holder = await RegisterAsync(first, "holder", new() { ["sum"] = 0.9 });
            await first.Get<AgentTaskDispatcher>().DispatchAsync(Task("w:s:1", capabilities: new() { ["sum"] = 1 }), TestTimeout.After());
            Assert.Single(await first.Get<InboxService>().ReadAsync(holder, 10, TimeSpan.FromSeconds(30), TestTimeout.After()));
        }

        _time.Advance(Downtime);
        return holder;
    }

    private Task<AgentTestHost> StartAsync(TimeSpan? grace) =>
        AgentTestHost.StartAsync(services => AddDispatch(services, _sink, o => o.RestartGrace = grace), _time, _directory);
}
