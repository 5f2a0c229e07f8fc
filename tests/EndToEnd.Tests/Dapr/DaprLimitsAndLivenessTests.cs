using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Host;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The README's rate limits and liveness on a Dapr-mode host: the limits answer 429 with a retry delay and change
/// nothing, and an agent that stops heartbeating goes offline and comes back with its next heartbeat.</summary>
public sealed class DaprLimitsAndLivenessTests
{
    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after_and_other_keys_are_untouched()
    {
        var timeout = TestTimeout.After(90);
        await using var started = await HostUnderTest.StartAsync(HostRuntime.Dapr, new Dictionary<string, string>
        {
            ["Api__RateLimit__PermitsPerSecond"] = "0.01",
            ["Api__RateLimit__Burst"] = "2",
        }, timeout);
        using var limited = await ApiAgent.RegisterAsync(started.Host, "limited", timeout);
        using var neighbour = await ApiAgent.RegisterAsync(started.Host, "neighbour", timeout);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await limited.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, timeout);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await limited.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, timeout);
        await AssertRateLimitedAsync(refused, timeout);
        using var other = await neighbour.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, timeout);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Registrations_over_the_address_limit_get_429_and_register_nothing()
    {
        var timeout = TestTimeout.After(90);
        await using var started = await HostUnderTest.StartAsync(HostRuntime.Dapr, new Dictionary<string, string>
        {
            ["Api__RegistrationRateLimit__PermitsPerSecond"] = "0.01",
            ["Api__RegistrationRateLimit__Burst"] = "2",
        }, timeout);
        using var first = await ApiAgent.RegisterAsync(started.Host, "first", timeout);
        using var second = await ApiAgent.RegisterAsync(started.Host, "second", timeout);
        using var client = started.Host.CreateClient();

        using var refused = await client.PostAsJsonAsync(new Uri("api/v1/agents", UriKind.Relative), new { name = "third" }, timeout);

        await AssertRateLimitedAsync(refused, timeout);
        var agents = await OperatorGetAsync(started.Host, "api/v1/agents?limit=100", timeout);
        var names = agents["agents"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(2, names.Count);
        Assert.DoesNotContain("third", names);
    }

    [Fact]
    public async Task An_agent_that_stops_heartbeating_goes_offline_and_its_next_heartbeat_brings_it_back()
    {
        var timeout = TestTimeout.After(90);
        await using var started = await HostUnderTest.StartAsync(HostRuntime.Dapr, new Dictionary<string, string>
        {
            ["Agents__Liveness__HeartbeatInterval"] = "00:00:01",
            ["Agents__Liveness__MissedHeartbeatsBeforeOffline"] = "2",
            ["Agents__Liveness__RequestsCountAsHeartbeats"] = "false",
        }, timeout);
        using var agent = await ApiAgent.RegisterAsync(started.Host, "sleeper", timeout);
        Assert.NotEqual("offline", await HeartbeatAsync(agent, timeout));

        while (await StatusAsync(started.Host, agent.Id, timeout) != "offline")
        {
            await Task.Delay(100, timeout);
        }

        Assert.NotEqual("offline", await HeartbeatAsync(agent, timeout));
    }

    /// <summary>Sends a heartbeat and returns the status it answers with (read in the same turn, so no clock can pass).</summary>
    private static async Task<string> HeartbeatAsync(ApiAgent agent, CancellationToken cancellationToken)
    {
        using var beat = await agent.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, cancellationToken);
        return (await ApiAgent.ReadJsonAsync(beat, HttpStatusCode.OK, cancellationToken))["status"]!.GetValue<string>();
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        Assert.Equal("https://agent-platform.dev/problems/rate-limited", problem["type"]!.GetValue<string>());
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 200);
    }

    private static async Task<string> StatusAsync(HostProcess host, string agentId, CancellationToken cancellationToken) =>
        (await OperatorGetAsync(host, $"api/v1/agents/{agentId}", cancellationToken))["status"]!.GetValue<string>();

    private static async Task<JsonObject> OperatorGetAsync(HostProcess host, string path, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DaprHostReplicas.OperatorToken);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }
}
