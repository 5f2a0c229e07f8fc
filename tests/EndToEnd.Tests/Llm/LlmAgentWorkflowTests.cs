using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>A workflow step matched by capability to an LLM agent configured on the real host, answered by the test LLM server.</summary>
public sealed class LlmAgentWorkflowTests(ITestOutputHelper output)
{
    private const string ApiKey = "sk-e2e-7d3f0b91c5a2";

    private const string Definition = """
        id: summarize
        steps:
          - id: summarize
            kind: agent_task
            capabilities: { summarize: 1.0 }
            input: "${input.text}"
            timeout: 60s
        """;

    [Fact]
    public async Task A_step_matched_to_an_llm_agent_completes_with_the_model_reply_and_a_run_over_budget_fails_with_budget_exceeded()
    {
        var timeout = TestTimeout.After(150);
        await using var server = await TestLlmServer.StartAsync();
        var settings = new Dictionary<string, string>(TaskOperator.Settings)
        {
            ["Llm__Agents__summarizer__Endpoint"] = server.BaseUrl.ToString(),
            ["Llm__Agents__summarizer__Model"] = "test-model",
            ["Llm__Agents__summarizer__ApiKey"] = ApiKey,
            ["Llm__Agents__summarizer__SystemPrompt"] = "Summarize.",
            ["Llm__Agents__summarizer__MaxOutputTokens"] = "50",
            ["Llm__Agents__summarizer__Capabilities__summarize"] = "0.9",
            ["Llm__Budgets__MaxTokensPerRun"] = "100",
        };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        await ops.RegisterDefinitionAsync(Definition, timeout);

        await ops.StartAsync("summarize", "llm-1", new { text = "a short text" }, timeout);
        var done = await ops.WaitAsync("llm-1", timeout);
        var longText = string.Join(' ', Enumerable.Repeat("far too long for the run's budget", 20));
        await ops.StartAsync("summarize", "llm-2", new { text = longText }, timeout);
        var stopped = await ops.WaitAsync("llm-2", timeout);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var result = Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("llm-1", timeout))["llm-1:summarize:1"]);
        Assert.Equal(("task_completed", "llm/summarizer"), (result["type"]!.GetValue<string>(), result["agent_id"]!.GetValue<string>()));
        Assert.Equal("echo: a short text", result["output"]!.GetValue<string>());

        Assert.Equal("failed", stopped["status"]!.GetValue<string>());
        var failure = Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("llm-2", timeout))["llm-2:summarize:1"]);
        Assert.Contains("budget_exceeded", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var request = Assert.Single(server.Requests);
        Assert.Equal(ApiKey, request.ApiKey);
        var match = await ops.Client.GetStringAsync(new Uri("api/v1/registry/match?capabilities=summarize:1", UriKind.Relative), timeout);
        Assert.Contains("llm/summarizer", match, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, match, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, done.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, host.Log, StringComparison.Ordinal);
    }
}
