using System.Net;
using System.Text.Json.Nodes;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>A wait step with <c>approvers</c>, a short <c>timeout</c> and a <c>timeout_output</c> in an ordinary definition, over
/// HTTP: the default outcome flows on when nobody answers, a refused raise by a non-approver changes nothing, and an approver who
/// answers in time wins over the default.</summary>
public sealed class ApprovalTimeoutTests
{
    private const string Definition = """
        id: timed-approval
        steps:
          - id: approve
            kind: wait
            event:
              name: approved
              approvers: [manager]
              timeout: 3s
              timeout_output: { approved: false, by: nobody }
          - { id: act, kind: agent_task, agent: echo, input: "${steps.approve.output}" }
        """;

    [Fact]
    public async Task Nobody_answers_and_the_default_outcome_flows_on_while_a_refused_raise_changes_nothing_and_an_approver_in_time_wins()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Workflows:BuiltInAgents:Enabled"] = "true" });
        var (_, managerKey) = await RegisterAsync(host, "timed-manager", "manager");
        var (executor, executorKey) = await RegisterAsync(host, "timed-executor", "executor");
        using (var registered = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken, Definition, "application/yaml"))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // The executor holds the raise_events right, yet it is not an approver.
        await SendAsync(host, HttpMethod.Put, $"api/v1/agents/{executor}/rights", TestHost.OperatorToken, """{"raise_events":true}""");
        foreach (var instance in new[] { "unanswered", "refused", "approved" })
        {
            await SendAsync(host, HttpMethod.Post, "api/v1/workflows/instances", TestHost.OperatorToken, $$"""{"definition_id":"timed-approval","instance_id":"{{instance}}"}""");
        }

        var before = await HistoryAsync(host, "refused");
        using (var refused = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances/refused/events/approved", executorKey, """{"payload":{"approved":true,"by":"executor"}}"""))
        {
            await ProblemAssert.IsAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(before.ToJsonString(), (await HistoryAsync(host, "refused")).ToJsonString());
        await SendAsync(host, HttpMethod.Post, "api/v1/workflows/instances/approved/events/approved", managerKey, """{"payload":{"approved":true,"by":"manager"}}""");

        var unanswered = await WaitEndedAsync(host, "unanswered");
        var refusedEnd = await WaitEndedAsync(host, "refused");
        var approved = await WaitEndedAsync(host, "approved");

        foreach (var ended in new[] { unanswered, refusedEnd })
        {
            Assert.Equal("completed", ended["status"]!.GetValue<string>());
            Assert.Equal("""{"approved":false,"by":"nobody"}""", Step(ended, "approve")["output"]!.ToJsonString());
            Assert.Equal("""{"approved":false,"by":"nobody"}""", Step(ended, "act")["output"]!.ToJsonString());
            var waited = Step(ended, "approve")["ended_at"]!.GetValue<DateTimeOffset>() - Step(ended, "approve")["started_at"]!.GetValue<DateTimeOffset>();
            Assert.True(waited >= TimeSpan.FromSeconds(3), $"the default came after {waited}, before the 3 s timeout");
        }

        Assert.Equal("completed", approved["status"]!.GetValue<string>());
        Assert.Equal("""{"approved":true,"by":"manager"}""", Step(approved, "act")["output"]!.ToJsonString());
        Assert.DoesNotContain(await HistoryAsync(host, "refused"), e => e!["type"]!.GetValue<string>() == "event_raised");
    }

    private static JsonNode Step(JsonNode state, string id) => state["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == id)!;

    private static async Task<(string Id, string Key)> RegisterAsync(TestHost host, string name, string role)
    {
        var registered = await SendAsync(host, HttpMethod.Post, "api/v1/agents", null, $$"""{"name":"{{name}}","role":"{{role}}"}""");
        return (registered["agent"]!["id"]!.GetValue<string>(), registered["api_key"]!.GetValue<string>());
    }

    private static async Task<JsonArray> HistoryAsync(TestHost host, string instance) =>
        (await SendAsync(host, HttpMethod.Get, $"api/v1/workflows/instances/{instance}/history", TestHost.OperatorToken, null))["events"]!.AsArray();

    private static async Task<JsonNode> WaitEndedAsync(TestHost host, string instance)
    {
        for (var poll = 0; poll < 5; poll++)
        {
            var state = await SendAsync(host, HttpMethod.Get, $"api/v1/workflows/instances/{instance}?wait=10", TestHost.OperatorToken, null);
            if (state["status"]!.GetValue<string>() is not ("running" or "pending"))
            {
                return state;
            }
        }

        throw new TimeoutException($"Instance {instance} did not end.");
    }

    private static async Task<JsonNode> SendAsync(TestHost host, HttpMethod method, string path, string? bearer, string? body)
    {
        using var response = await host.SendAsync(method, path, bearer, body);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json;
    }
}
