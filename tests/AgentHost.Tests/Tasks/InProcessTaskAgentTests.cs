using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Tests.Telemetry;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace AgentPlatform.AgentHost.Tests.Tasks;

/// <summary>An in-process C# agent type that declares task capabilities is listed in the registry and takes capability steps;
/// each attempt's dispatch is one span.</summary>
public sealed class InProcessTaskAgentTests
{
    private const string Definition = """
        { "id": "review-flow", "steps": [
          { "id": "first", "kind": "agent_task", "capabilities": { "inproc-review": 1 }, "min_confidence": 0.5, "input": "${input.text}" },
          { "id": "second", "kind": "agent_task", "capabilities": { "inproc-review": 1 }, "input": "${steps.first.output.text}" } ] }
        """;

    [Fact]
    public async Task A_capability_step_completes_on_an_in_process_agent_that_the_registry_lists_and_dispatch_traces_once_per_attempt()
    {
        var spans = new ExportedSpans();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9", ["Telemetry:TraceSampleRatio"] = "1" },
            builder =>
            {
                builder.Services.AddAgents(agents => agents.AddAgent<ReviewerAgent>(ReviewerAgent.TypeName));
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            });

        var idle = await GetAsync(host, "api/v1/registry/match?capabilities=inproc-review:2,other:2&min_confidence=0.3");
        var candidate = Assert.Single(idle["candidates"]!.AsArray())!;
        Assert.Equal(("reviewer/default", 0.4, "idle"), (candidate["agent_id"]!.GetValue<string>(), candidate["score"]!.GetValue<double>(), candidate["status"]!.GetValue<string>()));

        using (var defined = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken, Definition))
        {
            defined.EnsureSuccessStatusCode();
        }

        var traceId = ActivityTraceId.CreateRandom();
        using (var start = new HttpRequestMessage(HttpMethod.Post, "api/v1/workflows/instances"))
        {
            start.Headers.Authorization = new("Bearer", TestHost.OperatorToken);
            start.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            start.Content = new StringContent("""{"definition_id":"review-flow","instance_id":"review-1","input":{"text":"hello"}}""", System.Text.Encoding.UTF8, "application/json");
            using var started = await host.Client.SendAsync(start);
            started.EnsureSuccessStatusCode();
        }

        var final = await GetAsync(host, "api/v1/workflows/instances/review-1?wait=30");
        var history = (await GetAsync(host, "api/v1/workflows/instances/review-1/history"))["events"]!.AsArray().Select(e => e!).ToList();
        var after = await GetAsync(host, "api/v1/registry/match?capabilities=inproc-review");

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var completed = history.Where(e => e["type"]!.GetValue<string>() == "task_completed").ToList();
        Assert.Equal(["reviewer/default", "reviewer/default"], completed.Select(e => e["agent_id"]!.GetValue<string>()));
        Assert.Equal("HELLO!!!!", completed[1]["output"]!["text"]!.GetValue<string>());
        Assert.Equal((2, 0), (after["candidates"]![0]!["track_record"]!["successes"]!.GetValue<int>(), after["candidates"]![0]!["load"]!.GetValue<int>()));

        var scheduled = history.Where(e => e["type"]!.GetValue<string>() == "task_scheduled").ToDictionary(e => e["task_id"]!.GetValue<string>(), e => e["traceparent"]!.GetValue<string>());
        var dispatch = await WaitForAsync(spans, 2);
        foreach (var (taskId, traceParent) in scheduled)
        {
            var span = Assert.Single(dispatch, s => (string?)s.GetTagItem("task.id") == taskId);
            var parent = ActivityContext.Parse(traceParent, null);
            Assert.Equal((traceId, parent.SpanId), (span.TraceId, span.ParentSpanId));
            Assert.Equal(("reviewer/default", 1, 1), ((string?)span.GetTagItem("agent.id"), (int?)span.GetTagItem("dispatch.candidates"), (int?)span.GetTagItem("task.attempt")));
            Assert.Equal(taskId.Split(':')[1], span.GetTagItem("task.step"));
        }
    }

    private static async Task<JsonNode> GetAsync(TestHost host, string path)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);
        response.EnsureSuccessStatusCode();
        return await TestHost.ReadJsonAsync(response);
    }

    /// <summary>Dispatch spans of this test's instance; other tests' hosts in this process feed the same exporter.</summary>
    private static Task<List<Activity>> WaitForAsync(ExportedSpans spans, int count) =>
        spans.WaitForAsync(
            s => s.Source.Name == PlatformTelemetry.DispatchActivitySource && ((string?)s.GetTagItem("task.id"))?.StartsWith("review-1:", StringComparison.Ordinal) == true,
            count);

    /// <summary>Takes review tasks: answers the input text upper-cased with two exclamation marks.</summary>
    [TaskCapability("inproc-review", 0.8)]
    private sealed class ReviewerAgent(ActorHost host) : RoutedAgent(host)
    {
        public const string TypeName = "reviewer";

        [Rpc]
        private static JsonElement OnTask(AgentTaskMessage task) =>
            JsonSerializer.SerializeToElement(new { text = (task.Input?.GetString() ?? "").ToUpperInvariant() + "!!" });
    }
}
