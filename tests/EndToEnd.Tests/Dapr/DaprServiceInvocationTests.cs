using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>An agent with its own sidecar reaches the host through Dapr service invocation: the HTTP API under
/// <c>/v1.0/invoke/agent-platform/method/</c>, its key passed through in <c>Authorization</c>.</summary>
public sealed class DaprServiceInvocationTests(ITestOutputHelper output)
{
    private const string HostApi = "v1.0/invoke/agent-platform/method/api/v1/";

    [Fact]
    public async Task An_agent_registers_and_heartbeats_through_the_sidecars_invoke_path()
    {
        var timeout = TestTimeout.After(90);
        await using var replicas = await DaprHostReplicas.StartAsync(1, output, timeout);
        using var sidecar = new HttpClient { BaseAddress = replicas.Cluster.Sidecars[0].HttpEndpoint, Timeout = TimeSpan.FromSeconds(30) };
        sidecar.DefaultRequestHeaders.Add("dapr-api-token", DaprHostReplicas.SidecarApiToken);

        using var register = await sidecar.PostAsync(
            new Uri(HostApi + "agents", UriKind.Relative),
            new StringContent("""{ "name": "invoked-agent", "description": "registered through Dapr service invocation" }""", Encoding.UTF8, "application/json"),
            timeout);
        var registered = JsonNode.Parse(await register.Content.ReadAsStringAsync(timeout))!;
        Assert.True(register.StatusCode == HttpStatusCode.Created, registered.ToJsonString());
        var id = registered["agent"]!["id"]!.GetValue<string>();
        var key = registered["api_key"]!.GetValue<string>();

        using var beat = new HttpRequestMessage(HttpMethod.Post, new Uri(HostApi + "agents/me/heartbeat", UriKind.Relative))
        {
            Content = new StringContent("""{ "status": "busy" }""", Encoding.UTF8, "application/json"),
        };
        beat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var beaten = await sidecar.SendAsync(beat, timeout);
        var heartbeat = JsonNode.Parse(await beaten.Content.ReadAsStringAsync(timeout))!;
        Assert.True(beaten.StatusCode == HttpStatusCode.OK, heartbeat.ToJsonString());
        Assert.Equal("busy", heartbeat["status"]!.GetValue<string>());

        using var me = new HttpRequestMessage(HttpMethod.Get, new Uri(HostApi + "agents/me", UriKind.Relative));
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var profile = await sidecar.SendAsync(me, timeout);
        var view = JsonNode.Parse(await profile.Content.ReadAsStringAsync(timeout))!;
        Assert.Equal(id, view["id"]!.GetValue<string>());
        Assert.Equal("busy", view["status"]!.GetValue<string>());
        Assert.NotNull(view["last_heartbeat"]);

        using var unknownApp = await sidecar.GetAsync(new Uri("v1.0/invoke/no-such-app/method/api/v1/agents/me", UriKind.Relative), timeout);
        Assert.Equal(HttpStatusCode.InternalServerError, unknownApp.StatusCode);
    }
}
