using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>An LLM agent configured as a channel member on the real host: it answers only posts that mention it, uses its
/// read_channel and ask_agent tools when the model asks (another LLM member answering the request), its answer's message shows the
/// tool calls it made, and after a restart of the host process it does not answer an answered post again; an API agent's request
/// over HTTP reaches an LLM agent by its member id.</summary>
public sealed class LlmChannelMemberTests(ITestOutputHelper output)
{
    private const string ApiKey = "sk-channel-5be2c8d41f";

    [Fact]
    public async Task An_llm_member_answers_mentions_once_with_its_tools_and_not_again_after_a_restart()
    {
        var timeout = TestTimeout.After(150);
        var channel = ApiAgent.NewChannelId("lobby");
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript { RecordMessages = true });
        server.Script.AddToolCall("catch up", "read_channel", $$"""{"channel":"{{channel}}","limit":5}""");
        server.Script.AddToolCall("second opinion", "ask_agent", """{"agent_id":"llm/reviewer","content":"is it green?"}""");
        var settings = new Dictionary<string, string>(TaskOperator.Settings)
        {
            ["Channels__PostCooldown"] = "00:00:00",
            ["Llm__Channels__ReadWait"] = "00:00:01",
            ["Llm__Agents__helper__Endpoint"] = server.BaseUrl.ToString(),
            ["Llm__Agents__helper__Model"] = "test-model",
            ["Llm__Agents__helper__ApiKey"] = ApiKey,
            ["Llm__Agents__helper__MaxOutputTokens"] = "200",
            ["Llm__Agents__helper__Channels__0"] = channel,
            ["Llm__Agents__helper__Tools__0"] = "read_channel",
            ["Llm__Agents__helper__Tools__1"] = "ask_agent",
            ["Llm__Agents__reviewer__Endpoint"] = server.BaseUrl.ToString(),
            ["Llm__Agents__reviewer__Model"] = "test-model",
            ["Llm__Agents__reviewer__ApiKey"] = ApiKey,
            ["Llm__Agents__reviewer__Channels__0"] = channel,
        };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using var alice = await ApiAgent.RegisterAsync(host, "alice", timeout);
        await LlmChannelLog.WaitForChannelAsync(alice, channel, timeout);
        await alice.JoinAsync(channel, timeout);
        await alice.PostAsync(channel, "hello all, the build is green", timeout);
        var asked = await alice.PostAsync(channel, "@helper please catch up", timeout);
        var askedAt = asked["sequence"]!.GetValue<long>();
        var answer = await LlmChannelLog.WaitForAnswerAsync(alice, channel, askedAt, timeout);
        var opinion = await alice.PostAsync(channel, "@helper get a second opinion", timeout);
        var opinionAnswer = await LlmChannelLog.WaitForAnswerAsync(alice, channel, opinion["sequence"]!.GetValue<long>(), timeout);
        var requestsBeforeRestart = server.Requests;

        await host.KillAsync();
        await host.StartAsync(timeout);
        using var again = alice.OnReplica(host);
        var second = await again.PostAsync(channel, "@llm/helper and now?", timeout);
        var secondAnswer = await LlmChannelLog.WaitForAnswerAsync(again, channel, second["sequence"]!.GetValue<long>(), timeout);
        var log = await again.ReadWholeLogAsync(channel, timeout);
        using var request = await again.SendAsync(HttpMethod.Post, "agents/llm:reviewer/requests", new { content = "is it ready?", timeout_seconds = 20 }, timeout);
        var reply = await ApiAgent.ReadJsonAsync(request, System.Net.HttpStatusCode.OK, timeout);

        Assert.Equal("llm:helper", answer["sender_id"]!.GetValue<string>());
        Assert.StartsWith("tool results: ", answer["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("hello all, the build is green", answer["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var usage = answer["metadata"]!["llm_usage"]!;
        Assert.Equal(["read_channel"], usage["tool_calls"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("read_channel", "ok"), (usage["tool_call_details"]![0]!["name"]!.GetValue<string>(), usage["tool_call_details"]![0]!["outcome"]!.GetValue<string>()));
        Assert.Equal("tool results: \"echo: llm:helper: is it green?\"", opinionAnswer["content"]!.GetValue<string>());

        // The reviewer's reply (its own model call) is paid for the helper's answer: the tool call, the final round and the reply.
        var ownOutput = 1 + TestLlmReplies.Tokens(opinionAnswer["content"]!.GetValue<string>());
        Assert.Equal(ownOutput + TestLlmReplies.Tokens("echo: llm:helper: is it green?"), opinionAnswer["metadata"]!["llm_usage"]!["output_tokens"]!.GetValue<long>());
        Assert.Equal(5, requestsBeforeRestart.Count);
        Assert.Equal(["read_channel", "ask_agent"], requestsBeforeRestart[0].Tools);
        Assert.StartsWith("tool: ", requestsBeforeRestart[1].Messages[^1], StringComparison.Ordinal);
        Assert.Equal($"echo: {alice.Id}: @llm/helper and now?", secondAnswer["content"]!.GetValue<string>());
        Assert.Equal(("llm:reviewer", $"echo: {alice.Id}: is it ready?"), (reply["from"]!.GetValue<string>(), reply["content"]!.GetValue<string>()));
        Assert.Equal(7, server.Requests.Count);
        Assert.Single(log, m => m["title"]!.GetValue<string>() == $"re: #{askedAt}");
        Assert.All(server.Requests, r => Assert.Equal(ApiKey, r.ApiKey));
        Assert.DoesNotContain(ApiKey, host.Log, StringComparison.Ordinal);
    }
}
