using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>A task's assignment is durable: after the host is killed and restarted, the agent holding the task still holds it, gets
/// it again in its inbox, and its result completes the step exactly once.</summary>
public sealed class TaskRestartTests(ITestOutputHelper output)
{
    private const string Definition = """
        id: survive
        steps:
          - id: work
            kind: agent_task
            agent: "${AGENT}"
            input: { n: 1 }
        """;

    [Fact]
    public async Task A_task_held_across_a_host_kill_is_handed_to_its_agent_again_and_its_result_completes_the_step_once()
    {
        var timeout = TestTimeout.After(120);
        var settings = new Dictionary<string, string>(TaskOperator.Settings) { ["Tasks__LeaseDuration"] = "00:01:00" };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var ops = TaskOperator.For(host);
        using var worker = await RegisterAsync(host, timeout);
        await ops.RegisterDefinitionAsync(Definition.Replace("${AGENT}", worker.Id, StringComparison.Ordinal), timeout);
        await ops.StartAsync("survive", "survive-1", new { }, timeout);
        var first = await ReadTaskIdAsync(worker, timeout);

        await host.KillAsync();
        await host.StartAsync(timeout);
        using (var beat = await worker.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        var again = await ReadTaskIdAsync(worker, timeout);
        using var result = await worker.SendAsync(HttpMethod.Post, $"tasks/{first}/result", new { output = "done" }, timeout);
        var answer = await ApiAgent.ReadJsonAsync(result, HttpStatusCode.OK, timeout);
        var final = await ops.WaitAsync("survive-1", timeout);

        Assert.Equal("survive-1:work:1", first);
        Assert.Equal(first, again);
        Assert.Equal("accepted", answer["status"]!.GetValue<string>());
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var results = TaskOperator.ResultsByTask(await ops.HistoryAsync("survive-1", timeout));
        var completed = Assert.Single(Assert.Single(results).Value);
        Assert.Equal(worker.Id, completed["agent_id"]!.GetValue<string>());
    }

    private static async Task<ApiAgent> RegisterAsync(HostProcess host, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync(
            new Uri("api/v1/agents", UriKind.Relative), new { name = $"keeper-{Guid.NewGuid():N}"[..24], heartbeat_interval_seconds = 60 }, cancellationToken);
        var agent = ApiAgent.FromRegistration(host, await ApiAgent.ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken));
        using var beat = await agent.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        return agent;
    }

    private static async Task<string> ReadTaskIdAsync(ApiAgent agent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var deliveries = await agent.ReadInboxAsync(5, cancellationToken);
            if (deliveries.Count == 0)
            {
                continue;
            }

            await agent.AcknowledgeAsync(deliveries.Select(d => d!["delivery_id"]!.GetValue<string>()), cancellationToken);
            var task = deliveries.Select(d => d!["message"]!).FirstOrDefault(m => m["title"]!.GetValue<string>() == "task");
            if (task is not null)
            {
                return JsonNode.Parse(task["content"]!.GetValue<string>())!["task_id"]!.GetValue<string>();
            }
        }
    }
}
