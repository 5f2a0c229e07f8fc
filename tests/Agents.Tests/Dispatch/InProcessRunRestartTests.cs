using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static AgentPlatform.Agents.Tests.Dispatch.AgentTaskDispatcherTests;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>An in-process agent's run that a restart cut off runs again when its task is dispatched again, and counts in the
/// agent's load until it ends, on the embedded runtime over one SQLite file.</summary>
public sealed class InProcessRunRestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "agent-in-process-restart-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingOutcomeSink _sink = new();

    [Fact]
    public async Task A_run_resumed_after_a_restart_counts_in_the_load_until_it_ends_and_then_the_agent_is_idle()
    {
        var task = Task("w:s:1", agentId: "gated/one", input: 5);
        await using (var first = await StartAsync())
        {
            await first.Get<AgentTaskDispatcher>().DispatchAsync(task, TestTimeout.After());
            await GatedAgent.Entered.Task.WaitAsync(TestTimeout.After());
            await LoadReachesAsync(first, 1);
        }

        GatedAgent.Reset();
        await using var restarted = await StartAsync();
        Assert.Equal(0, (await restarted.Presence.GetAsync("gated/one", TestTimeout.After())).Load);

        // The workflow dispatches its pending task again, as resume does.
        await restarted.Get<AgentTaskDispatcher>().DispatchAsync(task, TestTimeout.After());
        await GatedAgent.Entered.Task.WaitAsync(TestTimeout.After());
        var running = await LoadReachesAsync(restarted, 1);
        GatedAgent.Release.TrySetResult();
        var outcome = await _sink.OutcomeOf("w:s:1").WaitAsync(TestTimeout.After());

        // The outcome is reported while the task's turn still settles the agent; a call to the task runs after that turn.
        await restarted.Get<AgentTaskDispatcher>().GetAsync("w:s:1", TestTimeout.After());
        var after = await restarted.Presence.GetAsync("gated/one", TestTimeout.After());

        Assert.Equal((1, AgentStatus.Busy), (running.Load, running.Status));
        Assert.Equal(10, outcome.Output!.Value.GetProperty("doubled").GetInt32());
        Assert.Equal((0, AgentStatus.Idle, 1), (after.Load, after.Status, after.TrackRecord.Successes));
    }

    public void Dispose()
    {
        GatedAgent.Reset();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Waits until the agent's load is <paramref name="load"/>: a run starts while its start is recorded, so the count
    /// follows the run's first step by a moment.</summary>
    private static async Task<AgentPresence> LoadReachesAsync(AgentTestHost host, int load)
    {
        var timeout = TestTimeout.After(10);
        while (true)
        {
            var presence = await host.Presence.GetAsync("gated/one", timeout);
            if (presence.Load == load)
            {
                return presence;
            }

            await System.Threading.Tasks.Task.Delay(TimeSpan.FromMilliseconds(10), timeout);
        }
    }

    private Task<AgentTestHost> StartAsync() => AgentTestHost.StartAsync(
        services => AddDispatch(services, _sink).AddAgents(agents => agents.AddAgent<GatedAgent>("gated")),
        dataDirectory: _directory);

    /// <summary>Doubles its input once the test releases it; says when a run has begun.</summary>
    private sealed class GatedAgent(ActorHost host) : RoutedAgent(host)
    {
        public static TaskCompletionSource Entered { get; private set; } = New();

        public static TaskCompletionSource Release { get; private set; } = New();

        public static void Reset()
        {
            Release.TrySetCanceled();
            Entered = New();
            Release = New();
        }

        [Rpc]
        private async Task<JsonElement> OnTaskAsync(AgentTaskMessage task, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return JsonSerializer.SerializeToElement(new { doubled = task.Input!.Value.GetInt32() * 2, by = AgentId.ToString() });
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
