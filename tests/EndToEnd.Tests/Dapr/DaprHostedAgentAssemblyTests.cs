using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Agents;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The AutoGen sample agents, loaded by configuration as in embedded mode, run unchanged in a Dapr-mode host: their types
/// are Dapr actor types on the daprd double, and a direct message between two of them goes through the sidecar as JSON.</summary>
public sealed class DaprHostedAgentAssemblyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sample_agents_answer_typed_http_messages_and_one_asks_another_through_the_sidecar()
    {
        var timeout = TestTimeout.After(90);
        await using var replicas = await DaprHostReplicas.StartAsync(1, output, timeout, AutoGenSampleSettings.For(AutoGenSampleSettings.SampleAssembly));
        using var client = replicas.Hosts[0].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DaprHostReplicas.OperatorToken);

        var countdown = await SendAsync(client, "modifier/default", new { type = "autogen.countdown", message = new { content = 10 } }, timeout);
        var nested = await SendAsync(client, "outer/k1", new { type = "autogen.nested", message = new { content = "world" } }, timeout);

        Assert.Equal("autogen.countdown", countdown["type"]!.GetValue<string>());
        Assert.Equal(9, countdown["message"]!["content"]!.GetValue<int>());
        Assert.Equal("autogen.nested", nested["type"]!.GetValue<string>());
        Assert.Equal("Hello from inner, Hello from outer, world", nested["message"]!["content"]!.GetValue<string>());
        Assert.Equal(0, replicas.Cluster.HostOf("outer", "k1"));
        Assert.Equal(0, replicas.Cluster.HostOf("inner", "k1"));
    }

    private static async Task<JsonObject> SendAsync(HttpClient client, string agent, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/v1/agent-messages/" + agent, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{agent}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
