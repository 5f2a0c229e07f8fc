using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>A host restart longer than an agent's heartbeat window (1 s × 3) and than a task lease (4 s) fails nothing by itself:
/// through the real host process, an agent that comes back keeps its task, and one that does not is marked offline after the
/// restart grace and its task moves on.</summary>
public sealed class RestartGraceTests(ITestOutputHelper output)
{
    private const string Capability = "grace-e2e";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(4);

    // Twice the agents' window: a loaded machine's start-up (from the runtime's start to the first answered heartbeat) cannot
    // use it up. The defaults (one window, one lease) are covered with virtual time in the Agents tests.
    private static readonly TimeSpan PresenceGrace = TimeSpan.FromSeconds(6);

    private const string Definition = """
        id: ${ID}
        steps:
          - id: work
            kind: agent_task
            capabilities: { grace-e2e: 1.0 }
            input: { n: 1 }
            retry: { max_attempts: 2 }
        """;

    [Fact]
    public async Task An_agent_that_heartbeats_again_after_a_restart_keeps_its_task_and_its_result_completes_the_step_once()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, Settings(taskGrace: PresenceGrace), timeout);
        using var ops = TaskOperator.For(host);
        var release = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var holder = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "grace-holder", null, new Dictionary<string, double> { [Capability] = 1.0 },
            (_, cancellationToken) => release.Task.WaitAsync(cancellationToken), Heartbeat, timeout);
        await ops.RegisterDefinitionAsync(Definition.Replace("${ID}", "keep", StringComparison.Ordinal), timeout);
        await ops.StartAsync("keep", "keep-1", new { }, timeout);
        await holder.WaitForReceivedAsync(1, timeout);

        await host.KillAsync();
        await Task.Delay(Downtime, timeout); // The host's absence itself is what is tested.
        await host.StartAsync(timeout);

        // Past the window and the lease after the restart, sampled: the holder stays online and holds the task throughout.
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < Downtime)
        {
            Assert.NotEqual("offline", await StatusOfAsync(ops, holder.Id, timeout));
            var task = await TaskAsync(ops, "keep-1:work:1", timeout);
            Assert.Equal(("assigned", holder.Id), (task["state"]!.GetValue<string>(), task["agent_id"]!.GetValue<string>()));
            await Task.Delay(250, timeout);
        }

        // The restarted host handed the held task over again: the holder's answer already under way is its only answer.
        await holder.WaitForReceivedAsync(2, timeout);
        release.SetResult(new JsonObject { ["kept"] = true });
        var final = await ops.WaitAsync("keep-1", timeout);

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var results = TaskOperator.ResultsByTask(await ops.HistoryAsync("keep-1", timeout));
        Assert.Equal("keep-1:work:1", Assert.Single(results).Key);
        var completed = Assert.Single(results["keep-1:work:1"]);
        Assert.Equal(("task_completed", holder.Id), (completed["type"]!.GetValue<string>(), completed["agent_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_agent_that_does_not_come_back_is_marked_offline_after_the_grace_and_its_task_moves_to_the_next_best_agent()
    {
        var timeout = TestTimeout.After(90);

        // A task grace far past the presence grace, so that the task moves because its holder went offline, not by its lease.
        await using var host = await HostProcess.StartNewAsync(output, Settings(taskGrace: TimeSpan.FromSeconds(60)), timeout);
        using var ops = TaskOperator.For(host);
        await using var leaver = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "grace-leaver", null, new Dictionary<string, double> { [Capability] = 1.0 }, WorkForeverAsync, Heartbeat, timeout);
        await using var keeper = await HttpTaskAgent.StartAsync(
            host.BaseAddress, "grace-keeper", null, new Dictionary<string, double> { [Capability] = 0.5 },
            (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["kept"] = true }), Heartbeat, timeout);
        await WaitUntilBothMatchAsync(ops, timeout);
        await ops.RegisterDefinitionAsync(Definition.Replace("${ID}", "move", StringComparison.Ordinal), timeout);
        await ops.StartAsync("move", "move-1", new { }, timeout);
        await leaver.WaitForReceivedAsync(1, timeout);

        await host.KillAsync();
        await leaver.DisposeAsync(); // It never comes back.
        await Task.Delay(Downtime, timeout); // The host's absence itself is what is tested.
        await host.StartAsync(timeout);
        var restarted = Stopwatch.StartNew();
        var statusAfterRestart = await StatusOfAsync(ops, leaver.Id, timeout);
        var final = await ops.WaitAsync("move-1", timeout);
        output.WriteLine($"moved on and completed {restarted.Elapsed.TotalSeconds:F1} s after the restarted host answered");

        Assert.NotEqual("offline", statusAfterRestart);
        Assert.Equal("offline", await StatusOfAsync(ops, leaver.Id, timeout));
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var results = TaskOperator.ResultsByTask(await ops.HistoryAsync("move-1", timeout));
        Assert.Equal(["move-1:work:1", "move-1:work:2"], results.Keys.Order(StringComparer.Ordinal));
        var orphaned = Assert.Single(results["move-1:work:1"]);
        Assert.Equal(("task_failed", leaver.Id), (orphaned["type"]!.GetValue<string>(), orphaned["agent_id"]!.GetValue<string>()));
        Assert.Contains("went offline", orphaned.ToJsonString(), StringComparison.Ordinal);
        var moved = Assert.Single(results["move-1:work:2"]);
        Assert.Equal(("task_completed", keeper.Id), (moved["type"]!.GetValue<string>(), moved["agent_id"]!.GetValue<string>()));
    }

    private static async Task<JsonNode?> WorkForeverAsync(JsonNode? input, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return input;
    }

    private static Dictionary<string, string> Settings(TimeSpan taskGrace) => new(TaskOperator.Settings)
    {
        ["Agents__Liveness__RestartGrace"] = PresenceGrace.ToString(),
        ["Tasks__RestartGrace"] = taskGrace.ToString(),
    };

    private static async Task<string> StatusOfAsync(TaskOperator ops, string agentId, CancellationToken cancellationToken)
    {
        using var response = await ops.Client.GetAsync(new Uri($"api/v1/agents/{Uri.EscapeDataString(agentId)}", UriKind.Relative), cancellationToken);
        return (await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken))["status"]!.GetValue<string>();
    }

    private static async Task<JsonObject> TaskAsync(TaskOperator ops, string taskId, CancellationToken cancellationToken)
    {
        using var response = await ops.Client.GetAsync(new Uri($"api/v1/tasks/{Uri.EscapeDataString(taskId)}", UriKind.Relative), cancellationToken);
        return await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Waits until both agents are candidates for the capability, so the first match ranks the leaver first.</summary>
    private static async Task WaitUntilBothMatchAsync(TaskOperator ops, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await ops.Client.GetAsync(new Uri($"api/v1/registry/match?capabilities={Capability}:1", UriKind.Relative), cancellationToken);
            var match = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
            if (match["candidates"]?.AsArray().Count == 2)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
