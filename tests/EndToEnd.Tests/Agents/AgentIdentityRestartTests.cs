using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Agents;

public sealed class AgentIdentityRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Registration_heartbeat_and_keys_survive_a_hard_kill_and_restart()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, cancellationToken: timeout);
        using var client = host.CreateClient();
        await AssertLogsListeningAsync(host, timeout);

        var (id, key) = await RegisterAsync(client, "e2e-durable", timeout);
        var (_, rotatedAway) = await RegisterAsync(client, "e2e-rotated", timeout);
        using (var rotate = await SendAsync(client, HttpMethod.Post, "api/v1/agents/me/keys/rotate", rotatedAway, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        }

        DateTimeOffset lastHeartbeat;
        using (var heartbeat = await SendAsync(client, HttpMethod.Post, "api/v1/agents/me/heartbeat", key, timeout))
        {
            var json = JsonNode.Parse(await heartbeat.Content.ReadAsStringAsync(timeout))!;
            Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
            Assert.Equal("idle", json["status"]!.GetValue<string>());
            lastHeartbeat = json["last_heartbeat"]!.GetValue<DateTimeOffset>();
        }

        await host.KillAsync();
        await host.StartAsync(timeout);

        using (var me = await SendAsync(client, HttpMethod.Get, "api/v1/agents/me", key, timeout))
        {
            var json = JsonNode.Parse(await me.Content.ReadAsStringAsync(timeout))!;
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal(id, json["id"]!.GetValue<string>());
            Assert.Equal(0.75, json["capabilities"]!["e2e"]!.GetValue<double>());
            Assert.Equal(lastHeartbeat, json["last_heartbeat"]!.GetValue<DateTimeOffset>());
        }

        using (var old = await SendAsync(client, HttpMethod.Get, "api/v1/agents/me", rotatedAway, timeout))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
            Assert.Equal("application/problem+json", old.Content.Headers.ContentType?.MediaType);
        }

        using (var again = await SendAsync(client, HttpMethod.Post, "api/v1/agents/me/heartbeat", key, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using var duplicate = await client.PostAsync(new Uri("api/v1/agents", UriKind.Relative), Json("""{"name":"e2e-durable"}"""), timeout);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    private static async Task<(string Id, string Key)> RegisterAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(
            new Uri("api/v1/agents", UriKind.Relative), Json($$$"""{"name":"{{{name}}}","capabilities":{"e2e":0.75}}"""), cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request, cancellationToken);
    }

    private static async Task AssertLogsListeningAsync(HostProcess host, CancellationToken cancellationToken)
    {
        // The line is written once the server has started, which may be just after /healthz first answers.
        var expected = $"Agent host listening on http://127.0.0.1:{host.Port}";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!host.Log.Contains(expected, StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        Assert.Contains(expected, host.Log, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
