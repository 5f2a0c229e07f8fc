using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>A chunked step and a definition's own budget on the real host, answered by the test LLM server.</summary>
public sealed class LlmChunkingWorkflowTests(ITestOutputHelper output)
{
    // The definition's budget (4000 tokens) is far below the process-wide one and admits the chunked step (three small calls), but
    // not the worst case of `expand` (its agent may answer 5000 tokens); on_failure: continue lets the run complete without it.
    private const string SummarizeStep = """
          - id: summarize
            kind: agent_task
            agent: llm/writer
            input: Summarize.
            chunking: { input: "${input.text}", max_tokens: 200, overlap_tokens: 20, reduce_prompt: Merge. }
            timeout: 60s
        """;

    private const string Definition = $$"""
        id: chunked-report
        budget: { max_tokens: 4000 }
        steps:
        {{SummarizeStep}}
          - id: expand
            kind: agent_task
            agent: llm/verbose
            depends_on: [summarize]
            input: "${steps.summarize.output}"
            on_failure: continue
            timeout: 60s
        """;

    // 850 tokens admit the worst cases of both map calls (about 700) but not the reduce after them (about 1000 with their spend).
    private const string Tight = $$"""
        id: chunked-tight
        budget: { max_tokens: 850 }
        steps:
        {{SummarizeStep}}
        """;

    [Fact]
    public async Task A_chunked_step_is_mapped_and_reduced_and_the_definitions_budget_stops_a_call_with_budget_exceeded_keeping_the_spend_of_finished_calls()
    {
        var timeout = TestTimeout.After(150);
        await using var server = await TestLlmServer.StartAsync();
        var settings = new Dictionary<string, string>(TaskOperator.Settings)
        {
            ["Llm__Budgets__MaxTokensPerRun"] = "100000",
        };
        foreach (var (agent, maxOutput) in new[] { ("writer", "200"), ("verbose", "5000") })
        {
            settings[$"Llm__Agents__{agent}__Endpoint"] = server.BaseUrl.ToString();
            settings[$"Llm__Agents__{agent}__Model"] = "test-model";
            settings[$"Llm__Agents__{agent}__ApiKey"] = "sk-chunk-5e2a";
            settings[$"Llm__Agents__{agent}__MaxOutputTokens"] = maxOutput;
        }

        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        using var invalid = await PostDefinitionAsync(ops, Definition.Replace("overlap_tokens: 20", "overlap_tokens: 200", StringComparison.Ordinal), timeout);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("steps[summarize].chunking.overlap_tokens", await invalid.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
        await ops.RegisterDefinitionAsync(Definition, timeout);

        var text = string.Join(' ', Enumerable.Range(0, 130).Select(i => $"item{i}"));
        await ops.StartAsync("chunked-report", "chunked-1", new { text }, timeout);
        var done = await ops.WaitAsync("chunked-1", timeout);

        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var results = TaskOperator.ResultsByTask(await ops.HistoryAsync("chunked-1", timeout));
        var summary = Assert.Single(results["chunked-1:summarize:1"]);
        var reply = summary["output"]!.GetValue<string>();
        Assert.StartsWith("echo: Merge.\n\necho: Summarize.\n\nitem0 item1", reply, StringComparison.Ordinal);
        Assert.EndsWith("item128 item129", reply, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);

        var refused = Assert.Single(results["chunked-1:expand:1"]);
        var error = refused["error"]!.GetValue<string>();
        Assert.Contains("budget_exceeded", error, StringComparison.Ordinal);
        Assert.Contains("of its 4000 (budget of definition 'chunked-report' v1)", error, StringComparison.Ordinal);

        var spend = done["spend"]!;
        var usage = summary["usage"]!;
        Assert.Equal(
            (usage["input_tokens"]!.GetValue<long>(), usage["output_tokens"]!.GetValue<long>(), 1),
            (spend["input_tokens"]!.GetValue<long>(), spend["output_tokens"]!.GetValue<long>(), spend["tasks"]!.GetValue<int>()));
        Assert.InRange(usage["input_tokens"]!.GetValue<long>(), TestLlmReplies.Tokens(text) + TestLlmReplies.Tokens(reply) - 40, 4000);

        await ops.RegisterDefinitionAsync(Tight, timeout);
        await ops.StartAsync("chunked-tight", "chunked-2", new { text }, timeout);
        var stopped = await ops.WaitAsync("chunked-2", timeout);

        Assert.Equal("failed", stopped["status"]!.GetValue<string>());
        var partial = Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("chunked-2", timeout))["chunked-2:summarize:1"]);
        Assert.Equal("task_failed", partial["type"]!.GetValue<string>());
        Assert.Contains("of its 850 (budget of definition 'chunked-tight' v1)", partial["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, server.Requests.Count);
        var mapUsage = partial["usage"]!;
        Assert.InRange(mapUsage["input_tokens"]!.GetValue<long>(), TestLlmReplies.Tokens(text), TestLlmReplies.Tokens(text) + 60);
        Assert.Equal(mapUsage["output_tokens"]!.GetValue<long>(), stopped["spend"]!["output_tokens"]!.GetValue<long>());
    }

    private static async Task<HttpResponseMessage> PostDefinitionAsync(TaskOperator ops, string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        return await ops.Client.PostAsync(new Uri("api/v1/workflows/definitions", UriKind.Relative), content, cancellationToken);
    }
}
