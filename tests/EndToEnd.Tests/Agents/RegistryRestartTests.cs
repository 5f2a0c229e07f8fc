using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Agents;

/// <summary>Matching through the real host process: a community-style client kept online by profile fetches, and the index
/// reloaded from the actors after a hard kill.</summary>
public sealed class RegistryRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_client_that_only_fetches_its_profile_is_matched_and_the_match_survives_a_hard_kill()
    {
        var timeout = TestTimeout.After(120);
        // A long host interval, so a slow machine cannot turn the heartbeating agents offline between the two matches.
        var environment = new Dictionary<string, string> { ["Agents__Liveness__HeartbeatInterval"] = "00:05:00" };
        await using var host = await HostProcess.StartNewAsync(output, environment, timeout);
        using var client = host.CreateClient();
        var (visitor, visitorKey) = await RegisterAsync(client, """{"name":"e2e-visitor","capabilities":{"e2e-route":0.9},"heartbeat_interval_seconds":7200,"max_concurrent_tasks":2}""", timeout);
        var (steady, steadyKey) = await RegisterAsync(client, """{"name":"e2e-steady","capabilities":{"e2e-route":0.6}}""", timeout);
        var (_, busyKey) = await RegisterAsync(client, """{"name":"e2e-busy","capabilities":{"e2e-route":1.0}}""", timeout);
        using (await SendAsync(client, HttpMethod.Get, "api/v1/agents/me", visitorKey, null, timeout))
        using (await SendAsync(client, HttpMethod.Post, "api/v1/agents/me/heartbeat", steadyKey, null, timeout))
        using (await SendAsync(client, HttpMethod.Post, "api/v1/agents/me/heartbeat", busyKey, """{"status":"busy"}""", timeout))
        {
        }

        var before = await MatchAsync(client, steadyKey, timeout);
        await host.KillAsync();
        await host.StartAsync(timeout);
        var after = await MatchAsync(client, steadyKey, timeout);

        Assert.Equal([visitor, steady], Ids(before["candidates"]!));
        Assert.Equal("busy", before["excluded"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(before["candidates"]!.ToJsonString(), after["candidates"]!.ToJsonString());
        Assert.Equal(2, after["candidates"]![0]!["max_concurrent_tasks"]!.GetValue<int>());
        Assert.Equal("busy", after["excluded"]![0]!["reason"]!.GetValue<string>());
    }

    private static List<string> Ids(JsonNode list) => list.AsArray().Select(x => x!["agent_id"]!.GetValue<string>()).ToList();

    private static async Task<JsonNode> MatchAsync(HttpClient client, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(client, HttpMethod.Get, "api/v1/registry/match?capabilities=e2e-route&min_confidence=0.5", key, null, cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    private static async Task<(string Id, string Key)> RegisterAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(
            new Uri("api/v1/agents", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, string key, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, cancellationToken);
    }
}
