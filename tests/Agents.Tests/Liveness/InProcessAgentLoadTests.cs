using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Tests.Core;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>The count of tasks in flight of an in-process agent, whose runs end with the process: not written at a start, and zero
/// after a restart.</summary>
public sealed class InProcessAgentLoadTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agents-in-process-load-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Starts_write_nothing_a_finish_writes_its_track_record_and_a_restart_counts_from_zero()
    {
        const string Agent = "counter/a";
        var (first, store) = await StartAsync();
        await using (first)
        {
            var workload = first.Get<IAgentWorkload>();
            await workload.TaskStartedAsync(Agent, TestTimeout.After());
            var busy = await workload.TaskStartedAsync(Agent, TestTimeout.After());
            Assert.Equal(0, store.Commits);

            var stillBusy = await workload.TaskFinishedAsync(Agent, succeeded: false, TimeSpan.FromSeconds(1), TestTimeout.After());

            Assert.Equal((AgentStatus.Busy, 2), (busy.Status, busy.Load));
            Assert.Equal((AgentStatus.Error, 1), (stillBusy.Status, stillBusy.Load));
            Assert.Equal(1, store.Commits);

            // The host dies with one run still going: that run is gone with it.
            store.Die();
        }

        var (second, _) = await StartAsync();
        await using (second)
        {
            var restarted = await second.Presence.GetAsync(Agent, TestTimeout.After());
            Assert.Equal((AgentStatus.Error, 0), (restarted.Status, restarted.Load));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<(AgentTestHost Host, CountingActorStateStore Store)> StartAsync()
    {
        var host = await AgentTestHost.StartAsync(
            services =>
            {
                services.AddAgents(agents => agents.AddAgent<CounterAgent>("counter"));
                services.AddAgentLiveness();
                services.AddSingleton<IActorStateStore>(sp => new CountingActorStateStore(new SqliteActorStateStore(sp.GetRequiredService<SqliteDatabase>())));
            },
            dataDirectory: _directory);
        return (host, (CountingActorStateStore)host.Get<IActorStateStore>());
    }
}
