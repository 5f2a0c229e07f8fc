using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>A run's LLM spend is recorded with its task outcomes, so its budget holds when the host is killed mid-call and restarted:
/// nothing already spent is forgotten and nothing is counted twice.</summary>
public sealed class LlmSpendCrashTests(ITestOutputHelper output)
{
    private const string Text = "the quarterly report of the northern region";
    private const int MaxOutputTokens = 40;

    private const string Definition = """
        id: spend
        steps:
          - { id: s1, kind: agent_task, agent: llm/writer, input: "${input.text}", timeout: 60s }
          - { id: s2, kind: agent_task, agent: llm/writer, input: "${input.text}", timeout: 60s, depends_on: [s1] }
          - { id: s3, kind: agent_task, agent: llm/writer, input: "${input.text}", timeout: 60s, depends_on: [s2] }
          - { id: s4, kind: agent_task, agent: llm/writer, input: "${input.text}", timeout: 60s, depends_on: [s3] }
          - { id: s5, kind: agent_task, agent: llm/writer, input: "${input.text}", timeout: 60s, depends_on: [s4] }
        """;

    [Fact]
    public async Task A_budget_holds_across_a_host_killed_mid_call_with_the_spend_neither_lost_nor_counted_twice()
    {
        var timeout = TestTimeout.After(150);
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript { Latency = TimeSpan.FromMilliseconds(1500) });

        // Only output tokens are priced, one unit each, so a call's worst case is exactly MaxOutputTokens and its real cost is the
        // server's deterministic reply length: the budget admits s1, s2 and s3 and refuses s4, but only if all three are counted
        // once, whichever host made the calls.
        var perCall = TestLlmReplies.Tokens(TestLlmReplies.For(Text));
        var budget = (2 * perCall) + MaxOutputTokens;
        var settings = new Dictionary<string, string>(TaskOperator.Settings)
        {
            ["Llm__Agents__writer__Endpoint"] = server.BaseUrl.ToString(),
            ["Llm__Agents__writer__Model"] = "test-model",
            ["Llm__Agents__writer__ApiKey"] = "sk-spend-0c1d",
            ["Llm__Agents__writer__MaxOutputTokens"] = MaxOutputTokens.ToString(CultureInfo.InvariantCulture),
            ["Llm__Prices__test-model__OutputPerMillionTokens"] = "1000000",
            ["Llm__Budgets__MaxCostPerRun"] = budget.ToString(CultureInfo.InvariantCulture),
        };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        await ops.RegisterDefinitionAsync(Definition, timeout);
        await ops.StartAsync("spend", "spend-1", new { text = Text }, timeout);

        await WaitUntilAsync(async () => StepStatus(await StatusAsync(ops, timeout), "s2") == "completed" && server.InFlight == 1, timeout);
        await host.KillAsync();
        await host.StartAsync(timeout);
        using var again = TaskOperator.For(host);
        var final = await again.WaitAsync("spend-1", timeout);

        Assert.Equal("failed", final["status"]!.GetValue<string>());
        Assert.Equal(["completed", "completed", "completed", "failed"], new[] { "s1", "s2", "s3", "s4" }.Select(step => StepStatus(final, step)));
        Assert.NotEqual("completed", StepStatus(final, "s5"));
        Assert.Contains("budget_exceeded", final["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == "s4")!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var spend = final["spend"]!;
        Assert.Equal((3 * perCall, 3m * perCall, 3), (spend["output_tokens"]!.GetValue<long>(), spend["cost"]!.GetValue<decimal>(), spend["tasks"]!.GetValue<int>()));
        var byAgent = Assert.Single(spend["by_agent"]!.AsArray())!;
        Assert.Equal(("llm/writer", 3m * perCall), (byAgent["agent_id"]!.GetValue<string>(), byAgent["cost"]!.GetValue<decimal>()));

        var results = TaskOperator.ResultsByTask(await again.HistoryAsync("spend-1", timeout));
        foreach (var step in new[] { "s1", "s2", "s3" })
        {
            var completed = Assert.Single(results[$"spend-1:{step}:1"]);
            Assert.Equal(perCall, completed["usage"]!["output_tokens"]!.GetValue<long>());
        }
    }

    private static async Task<JsonObject> StatusAsync(TaskOperator ops, CancellationToken cancellationToken)
    {
        using var response = await ops.Client.GetAsync(new Uri("api/v1/workflows/instances/spend-1", UriKind.Relative), cancellationToken);
        return await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    private static string StepStatus(JsonObject state, string stepId) =>
        state["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == stepId)!["status"]!.GetValue<string>();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
