using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>The swarm sample (<c>samples/workflows/swarm.yaml</c>) on the real host with LLM agents on the test LLM server: an LLM
/// planner's plan fans out to LLM sub-agents under <c>max_concurrency</c> with dependencies, one sub-agent's key answers 500s and
/// its sub-tasks move to the others, the host is killed mid-swarm and restarted, and the aggregator combines every output.</summary>
public sealed partial class SwarmEndToEndTests(ITestOutputHelper output)
{
    private const int MaxConcurrency = 3;
    private const string BrokenKey = "sk-swarm-broken-5e0a";

    [Fact]
    public async Task A_swarm_plans_fans_out_within_its_bound_reassigns_a_failing_agent_survives_a_sigkill_and_completes_every_task_once()
    {
        var timeout = TestTimeout.After(90);
        var script = new TestLlmScript { Latency = TimeSpan.FromMilliseconds(400), PlannerModel = "test-planner" };
        script.FailKey(BrokenKey);
        await using var server = await TestLlmServer.StartAsync(script);
        await using var host = await HostProcess.StartNewAsync(output, Settings(server.BaseUrl), timeout);
        using var ops = TaskOperator.For(host);
        await ops.RegisterDefinitionAsync(SwarmDefinition(), timeout);
        var documents = Enumerable.Range(1, 16).Select(n => $"report {n}").ToList();

        await ops.StartAsync("document-swarm", "swarm-1", new { question = "what changed?", documents }, timeout);
        while (Completed(await ops.HistoryAsync("swarm-1", timeout)) < 4 || server.InFlight == 0)
        {
            await Task.Delay(50, timeout);
        }

        await host.KillAsync();
        var completedBeforeKill = server.Requests.Count(r => r.Status == 200);
        await host.StartAsync(timeout);
        using var again = TaskOperator.For(host);
        var final = await again.WaitAsync("swarm-1", timeout);
        var history = await again.HistoryAsync("swarm-1", timeout);

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var findings = final["output"]!["findings"]!.AsObject();
        var expected = TestLlmPlanner.ExpectedOutputs(documents);
        Assert.Equal(expected.Select(e => (e.Key, e.Value)), findings.Select(f => (f.Key, f.Value!.GetValue<string>())));
        var answer = final["output"]!["answer"]!.GetValue<string>();
        Assert.StartsWith("echo: ", answer, StringComparison.Ordinal);
        Assert.All(expected, e => Assert.Contains(e.Value, answer, StringComparison.Ordinal));

        // Every sub-task completed exactly once, across the reassignments and the restart.
        var outcomes = Outcomes(history);
        Assert.Equal(Enumerable.Range(0, documents.Count), outcomes.Keys.Order());
        Assert.All(outcomes.Values, o => Assert.Single(o, e => e.Type == "task_completed"));
        Assert.All(outcomes.Values, o => Assert.Equal("task_completed", o[^1].Type));

        // The broken agent took work, failed it, and each such sub-task was completed by another LLM agent with the capability.
        var reassigned = outcomes.Values.Where(o => o.Any(e => e.AgentId == "llm/broken")).ToList();
        Assert.NotEmpty(reassigned);
        Assert.All(reassigned, o => Assert.Equal("task_failed", o.Single(e => e.AgentId == "llm/broken").Type));
        Assert.All(outcomes.Values, o => Assert.Matches("^llm/worker[1-4]$", o[^1].AgentId));
        Assert.Contains(server.Requests, r => r.ApiKey == BrokenKey && r.Status == 500);

        // Dependencies: an odd task is scheduled only after the task before it completed.
        var position = history.Select((e, i) => (Event: e!.AsObject(), Index: i)).ToList();
        for (var k = 1; k < documents.Count; k += 2)
        {
            var dependencyDone = position.Single(p => Type(p.Event) == "task_completed" && Item(p.Event) == k - 1).Index;
            var firstScheduled = position.First(p => Type(p.Event) == "task_scheduled" && Item(p.Event) == k).Index;
            Assert.True(firstScheduled > dependencyDone, $"work[{k}] was scheduled before work[{k - 1}] completed.");
        }

        // The bound holds at the provider and is reached: max_concurrency requests at once at most, before or after the restart.
        Assert.Equal(MaxConcurrency, server.MaxInFlight);
        Assert.True(completedBeforeKill < server.Requests.Count(r => r.Status == 200), "The restarted host made no calls.");
        output.WriteLine($"requests {server.Requests.Count}, max in flight {server.MaxInFlight}, reassigned {reassigned.Count}");
    }

    private static Dictionary<string, string> Settings(Uri endpoint)
    {
        var settings = new Dictionary<string, string>(TaskOperator.Settings)
        {
            // A failing key fails its attempt after two tries, so the step's retry moves the sub-task within a second or so.
            ["Llm__Governor__MaxAttempts"] = "2",
            ["Llm__Governor__BackoffBase"] = "00:00:00.100",
        };
        TestLlmAgentSettings.Add(settings, "planner", endpoint, "test-planner", "sk-swarm-planner-11", "plan", 0.9, """{"type":"object"}""");
        TestLlmAgentSettings.Add(settings, "broken", endpoint, "test-model", BrokenKey, TestLlmPlanner.WorkerCapability, 0.95);
        for (var n = 1; n <= 4; n++)
        {
            TestLlmAgentSettings.Add(settings, $"worker{n}", endpoint, "test-model", $"sk-swarm-worker-{n}", TestLlmPlanner.WorkerCapability, 0.8);
        }

        TestLlmAgentSettings.Add(settings, "aggregator", endpoint, "test-model", "sk-swarm-aggregator-7", "summarize", 0.9);
        return settings;
    }

    /// <summary>The shipped sample with a bound below the number of sub-agents, so the bound is what limits the fan-out.</summary>
    private static string SwarmDefinition()
    {
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "workflows", "swarm.yaml"));
        var bounded = sample.Replace("max_concurrency: 20", $"max_concurrency: {MaxConcurrency}", StringComparison.Ordinal);
        Assert.NotEqual(sample, bounded);
        return bounded;
    }

    private static Dictionary<int, List<(string Type, string AgentId)>> Outcomes(JsonArray history) =>
        history.Select(e => e!.AsObject())
            .Where(e => Type(e) is "task_completed" or "task_failed" && Item(e) is not null)
            .GroupBy(e => Item(e)!.Value)
            .ToDictionary(g => g.Key, g => g.Select(e => (Type(e), e["agent_id"]!.GetValue<string>())).ToList());

    private static int Completed(JsonArray history) => history.Count(e => Type(e!.AsObject()) == "task_completed" && Item(e!.AsObject()) is not null);

    private static string Type(JsonObject e) => e["type"]!.GetValue<string>();

    /// <summary>The plan position of a sub-task event (task id <c>{instance}:work[k]:{attempt}</c>); null for other events.</summary>
    private static int? Item(JsonObject e) =>
        e["task_id"]?.GetValue<string>() is { } id && SubTaskId().Match(id) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@":work\[(\d+)\]:\d+$")]
    private static partial Regex SubTaskId();
}
