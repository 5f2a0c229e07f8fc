using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>Agent-to-agent request/reply over real HTTP: the caller's request waits for the reply, or answers 504; a late or
/// second reply is refused with 409, and only the recipient may reply.</summary>
public sealed class RequestReplyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_request_waits_for_the_recipients_reply_and_a_late_reply_is_refused()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var asker = await ApiAgent.RegisterAsync(host, "asker", timeout);
        using var answerer = await ApiAgent.RegisterAsync(host, "answerer", timeout);
        using var stranger = await ApiAgent.RegisterAsync(host, "stranger", timeout);

        var asking = SendAsync(asker, answerer.Id, new { content = "what is 6*7?", timeout_seconds = 20, priority = "high" }, timeout);
        var (requestId, question) = await ReadRequestAsync(answerer, timeout);
        Assert.Equal("what is 6*7?", question["content"]!.GetValue<string>());
        await AssertStatusAsync(stranger, $"agents/me/requests/{requestId}/reply", new { content = "13" }, HttpStatusCode.Forbidden, timeout);
        await AssertStatusAsync(answerer, $"agents/me/requests/{requestId}/reply", new { content = " " }, HttpStatusCode.BadRequest, timeout);
        await AssertStatusAsync(answerer, $"agents/me/requests/{requestId}/reply", new { content = "42" }, HttpStatusCode.OK, timeout);
        var (status, answer) = await asking;
        await AssertStatusAsync(answerer, $"agents/me/requests/{requestId}/reply", new { content = "43" }, HttpStatusCode.Conflict, timeout);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((requestId, answerer.Id, "42"), (answer["request_id"]!.GetValue<string>(), answer["from"]!.GetValue<string>(), answer["content"]!.GetValue<string>()));

        var unanswered = SendAsync(asker, answerer.Id, new { content = "still there?", timeout_seconds = 1 }, timeout);
        var (lateId, _) = await ReadRequestAsync(answerer, timeout);
        var (timedOut, problem) = await unanswered;
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut);
        Assert.Equal(lateId, problem["request_id"]!.GetValue<string>());
        await AssertStatusAsync(answerer, $"agents/me/requests/{lateId}/reply", new { content = "yes" }, HttpStatusCode.Conflict, timeout);
    }

    [Fact]
    public async Task Bad_requests_and_replies_answer_problems_naming_the_field()
    {
        var timeout = TestTimeout.After(60);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var asker = await ApiAgent.RegisterAsync(host, "asker", timeout);
        using var answerer = await ApiAgent.RegisterAsync(host, "answerer", timeout);

        Assert.Equal("timeout_seconds", await FieldOfAsync(asker, $"agents/{answerer.Id}/requests", new { content = "x", timeout_seconds = 31 }, timeout));
        Assert.Equal("content", await FieldOfAsync(asker, $"agents/{answerer.Id}/requests", new { content = "" }, timeout));
        Assert.Equal("priority", await FieldOfAsync(asker, $"agents/{answerer.Id}/requests", new { content = "x", priority = "urgent" }, timeout));
        await AssertStatusAsync(asker, "agents/agt_nobody/requests", new { content = "x" }, HttpStatusCode.NotFound, timeout);
        await AssertStatusAsync(answerer, "agents/me/requests/req_unknown/reply", new { content = "x" }, HttpStatusCode.NotFound, timeout);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(ApiAgent agent, string recipient, object body, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(HttpMethod.Post, $"agents/{recipient}/requests", body, cancellationToken);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject());
    }

    private static async Task<(string RequestId, JsonObject Content)> ReadRequestAsync(ApiAgent agent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var deliveries = await agent.ReadInboxAsync(5, cancellationToken);
            if (deliveries.Count == 0)
            {
                continue;
            }

            await agent.AcknowledgeAsync(deliveries.Select(d => d!["delivery_id"]!.GetValue<string>()), cancellationToken);
            var request = deliveries.Select(d => d!["message"]!).FirstOrDefault(m => m["kind"]!.GetValue<string>() == "request");
            if (request is not null)
            {
                var content = JsonNode.Parse(request["content"]!.GetValue<string>())!.AsObject();
                return (content["request_id"]!.GetValue<string>(), content);
            }
        }
    }

    private static async Task AssertStatusAsync(ApiAgent agent, string path, object body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(HttpMethod.Post, path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == expected, $"{path}: expected {expected}, got {response.StatusCode}: {text}");
    }

    private static async Task<string> FieldOfAsync(ApiAgent agent, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(HttpMethod.Post, path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        return Assert.Single(JsonNode.Parse(text)!["errors"]!.AsObject()).Key;
    }
}
