using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Dapr;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>Two host processes in Dapr mode behind one daprd double: an LLM agent registered with a channel through one replica becomes
/// a listening member on the other too, so it answers there once the replica that took the registration is gone.</summary>
public sealed class LlmChannelReplicaTests(ITestOutputHelper output)
{
    private const string ApiKey = "sk-replicas-7d0e4b19c2";

    [Fact]
    public async Task An_llm_agent_registered_through_replica_A_answers_a_channel_post_made_through_replica_B()
    {
        var timeout = TestTimeout.After(150);
        await using var server = await TestLlmServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Llm__Keys__provider"] = ApiKey,
            ["Llm__Channels__ReadWait"] = "00:00:01",
            ["Logging__LogLevel__AgentPlatform.Llm.Channels"] = "Information",
        };
        await using var replicas = await DaprHostReplicas.StartAsync(2, output, timeout, settings);
        var (a, b) = (replicas.Hosts[0], replicas.Hosts[1]);
        var channel = ApiAgent.NewChannelId("llm-replicas");
        using (var operatorOnA = a.CreateClient())
        {
            operatorOnA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DaprHostReplicas.OperatorToken);
            using var created = await operatorOnA.PutAsJsonAsync(
                new Uri("api/v1/llm/agents/helper", UriKind.Relative),
                new { endpoint = server.BaseUrl.ToString(), model = "test-model", api_key_ref = "provider", channels = new[] { channel } },
                timeout);
            await ApiAgent.ReadJsonAsync(created, HttpStatusCode.Created, timeout);
        }

        // Replica A's own listener would answer too: with A gone, only B's listener, started by the change A published, can.
        await a.KillAsync();
        using var alice = await ApiAgent.RegisterAsync(b, "alice", timeout);
        await LlmChannelLog.WaitForChannelAsync(alice, channel, timeout);
        await alice.JoinAsync(channel, timeout);
        var asked = await alice.PostAsync(channel, "@helper are you there?", timeout);
        using var answerWait = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        answerWait.CancelAfter(TimeSpan.FromSeconds(45));
        var answer = await LlmChannelLog.WaitForAnswerAsync(alice, channel, asked["sequence"]!.GetValue<long>(), answerWait.Token);

        Assert.Equal("llm:helper", answer["sender_id"]!.GetValue<string>());
        Assert.Equal($"echo: {alice.Id}: @helper are you there?", answer["content"]!.GetValue<string>());
        Assert.Contains("LLM agent llm:helper listens on this replica", b.Log, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal(ApiKey, r.ApiKey));
    }
}
