using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>Workflow steps matched by capability to real Python and Node agent processes; an agent killed mid-task loses the step to
/// the next-best agent.</summary>
public sealed class TaskReassignmentTests(ITestOutputHelper output)
{
    private const string Definition = """
        id: relay
        steps:
          - id: analyze
            kind: agent_task
            capabilities: { analyze: 1.0 }
            input: { text: "${input.text}" }
            retry: { max_attempts: 3 }
            timeout: 60s
          - id: translate
            kind: agent_task
            capabilities: { translate: 1.0 }
            priority: high
            input: "${steps.analyze.output}"
            retry: { max_attempts: 3 }
            timeout: 60s
        """;

    [Fact]
    public async Task A_step_whose_node_agent_is_killed_mid_task_finishes_on_the_python_agent_and_every_task_id_ends_once()
    {
        var timeout = TestTimeout.After(150);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await ops.RegisterDefinitionAsync(Definition, timeout);

        // Python can analyze and (less well) translate and is quick; Node translates best but slowly, and is killed mid-task.
        await using var python = TaskAgentProcess.Start(
            "python3", "samples/python-agent/agent.py", host, $"py-{Guid.NewGuid():N}"[..20], "analyze=0.9,translate=0.4", 0, 2, output);
        await using var node = TaskAgentProcess.Start(
            "node", "samples/node-agent/agent.mjs", host, $"node-{Guid.NewGuid():N}"[..20], "translate=0.9", 60, 1, output);
        await WaitUntilMatchableAsync(host, timeout);

        await ops.StartAsync("relay", "relay-1", new { text = "hello" }, timeout);
        var taken = await node.FirstTaskStarted.WaitAsync(timeout);
        Assert.Equal("relay-1:translate:1", taken["task_id"]!.GetValue<string>());
        await node.KillAsync();

        var final = await ops.WaitAsync("relay-1", timeout);
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var (pythonExit, pythonSummary) = await python.WaitForExitAsync(timeout);
        Assert.Equal(0, pythonExit);
        var pythonId = pythonSummary["agent_id"]!.GetValue<string>();
        var nodeId = taken["agent_id"]!.GetValue<string>();
        Assert.Equal(["relay-1:analyze:1", "relay-1:translate:2"], pythonSummary["tasks_done"]!.AsArray().Select(t => t!.GetValue<string>()));

        // Each scheduled task id ends exactly once, and the history names the agent of every attempt.
        var results = TaskOperator.ResultsByTask(await ops.HistoryAsync("relay-1", timeout));
        Assert.Equal(["relay-1:analyze:1", "relay-1:translate:1", "relay-1:translate:2"], results.Keys.Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Single(r.Value));
        Assert.Equal(("task_completed", pythonId), Describe(results["relay-1:analyze:1"][0]));
        Assert.Equal(("task_failed", nodeId), Describe(results["relay-1:translate:1"][0]));
        Assert.Equal(("task_completed", pythonId), Describe(results["relay-1:translate:2"][0]));
        Assert.Equal("python", results["relay-1:translate:2"][0]["output"]!["language"]!.GetValue<string>());
    }

    private static (string Type, string AgentId) Describe(System.Text.Json.Nodes.JsonObject e) =>
        (e["type"]!.GetValue<string>(), e["agent_id"]!.GetValue<string>());

    /// <summary>Waits until both agents have registered and heartbeated, so the first match sees them.</summary>
    private static async Task WaitUntilMatchableAsync(HostProcess host, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TaskOperator.Token);
        foreach (var capability in new[] { "analyze", "translate" })
        {
            while (true)
            {
                using var response = await client.GetAsync(new Uri($"api/v1/registry/match?capabilities={capability}:1", UriKind.Relative), cancellationToken);
                var match = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
                if (match["candidates"]?.AsArray().Count == (capability == "translate" ? 2 : 1))
                {
                    break;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
