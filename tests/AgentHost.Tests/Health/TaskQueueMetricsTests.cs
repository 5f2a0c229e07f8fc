using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.AgentHost.Tests.Telemetry;

namespace AgentPlatform.AgentHost.Tests.Health;

/// <summary>Tasks with no agent to take them are counted as waiting per capability in <c>/metrics</c> and <c>/api/v1/health</c>
/// until an agent picks them up.</summary>
[Collection(ProcessWideMetricsGroup.Name)]
public sealed partial class TaskQueueMetricsTests
{
    private const string Capability = "summarize";

    [Fact]
    public async Task Tasks_with_no_candidate_wait_per_capability_and_stop_counting_once_an_agent_picks_one_up()
    {
        // A short matching back-off, so the agent that turns up is matched within a moment.
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Tasks:MaxMatchBackoff"] = "00:00:00.500" });
        using (var definition = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken,
            $$"""{"id":"queued","steps":[{"id":"a","kind":"agent_task","capabilities":{"{{Capability}}":1.0},"timeout":"60s"}]}"""))
        {
            Assert.True(definition.IsSuccessStatusCode, await definition.Content.ReadAsStringAsync());
        }

        foreach (var instance in new[] { "queued-1", "queued-2" })
        {
            using var started = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances", TestHost.OperatorToken,
                $$"""{"definition_id":"queued","instance_id":"{{instance}}"}""");
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        var both = await PollHealthAsync(host, waiting => waiting == 2);
        var queue = both["queues"]!["capabilities"]!.AsArray().Single()!;
        Assert.Equal(Capability, queue["name"]!.GetValue<string>());
        Assert.Equal(2, both["queues"]!["waiting"]!.GetValue<int>());
        Assert.True(queue["oldest_age_seconds"]!.GetValue<double>() >= 0);
        Assert.Equal(2, await PollMetricAsync(host, "agentplatform_tasks_waiting", 2));

        // An agent with the capability turns up: the task it is handed still waits in its inbox until the agent acts on it.
        var (_, key) = await host.RegisterAsync("summarizer", $$"""{"{{Capability}}":1.0}""");
        (await host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key)).Dispose();
        var taskId = await ReadTaskIdAsync(host, key);
        var delivered = await PollHealthAsync(host, waiting => waiting == 2);
        Assert.True(delivered["queues"]!["inbox_backlog"]!["normal"]!.GetValue<int>() >= 1);

        using (var pickUp = await host.SendAsync(HttpMethod.Post, $"api/v1/tasks/{taskId}/heartbeat", key))
        {
            Assert.Equal(HttpStatusCode.OK, pickUp.StatusCode);
        }

        var one = await PollHealthAsync(host, waiting => waiting == 1);
        Assert.Equal(1, one["queues"]!["capabilities"]!.AsArray().Single()!["waiting"]!.GetValue<int>());
        Assert.True(one["queues"]!["inbox_backlog"]!["normal"]!.GetValue<int>() <= 1);
        Assert.Equal(1, await PollMetricAsync(host, "agentplatform_tasks_waiting", 1));
        Assert.Equal(1, await PollMetricAsync(host, "agentplatform_tasks_wait_time_seconds_count", 1));
    }

    private static async Task<JsonNode> PollHealthAsync(TestHost host, Func<int, bool> expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
        while (true)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "api/v1/health", TestHost.OperatorToken);
            var summary = await TestHost.ReadJsonAsync(response);
            var waiting = summary["queues"]!["capabilities"]!.AsArray().SingleOrDefault(q => q!["name"]!.GetValue<string>() == Capability);
            if (expected(waiting?["waiting"]!.GetValue<int>() ?? 0) || DateTimeOffset.UtcNow > deadline)
            {
                return summary;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The value of <paramref name="metric"/> for the capability once it equals <paramref name="expected"/>, or the last seen
    /// value after a bounded wait (the exporter caches its text for a moment).</summary>
    private static async Task<double> PollMetricAsync(TestHost host, string metric, double expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
        var pattern = new Regex("^" + Regex.Escape(metric) + "\\{[^}]*capability=\"" + Capability + "\"[^}]*\\} (\\S+)", RegexOptions.Multiline);
        double? seen = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "metrics", null);
            var match = pattern.Match(await response.Content.ReadAsStringAsync());
            seen = match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            if (seen == expected)
            {
                break;
            }

            await Task.Delay(200);
        }

        return seen ?? -1;
    }

    private static async Task<string> ReadTaskIdAsync(TestHost host, string key)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=2&limit=10", key);
            foreach (var delivery in (await TestHost.ReadJsonAsync(response))["deliveries"]!.AsArray())
            {
                var message = delivery!["message"]!;
                if (message["kind"]!.GetValue<string>() == "task")
                {
                    return JsonNode.Parse(message["content"]!.GetValue<string>())!["task_id"]!.GetValue<string>();
                }
            }
        }

        throw new TimeoutException("No task reached the agent's inbox.");
    }
}
