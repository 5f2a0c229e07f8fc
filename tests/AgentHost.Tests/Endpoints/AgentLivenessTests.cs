using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class AgentLivenessTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Heartbeat_makes_the_agent_available_and_says_when_the_next_is_due()
    {
        var (_, key) = await Host.RegisterAsync("live-beat");

        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        var json = await TestHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("idle", json["status"]!.GetValue<string>());
        var last = json["last_heartbeat"]!.GetValue<DateTimeOffset>();
        var due = json["next_heartbeat_due"]!.GetValue<DateTimeOffset>();
        Assert.Equal(5, json["interval_seconds"]!.GetValue<double>());
        Assert.Equal(TimeSpan.FromSeconds(5), due - last);
        using var me = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);
        var view = await TestHost.ReadJsonAsync(me);
        Assert.Equal("idle", view["status"]!.GetValue<string>());
        Assert.Equal(last, view["last_heartbeat"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Heartbeat_can_report_busy_and_available()
    {
        var (_, key) = await Host.RegisterAsync("live-busy");

        using var busy = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, """{"status":"busy"}""");
        Assert.Equal("busy", (await TestHost.ReadJsonAsync(busy))["status"]!.GetValue<string>());
        using var plain = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        Assert.Equal("busy", (await TestHost.ReadJsonAsync(plain))["status"]!.GetValue<string>());
        using var available = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, """{"status":"available"}""");
        Assert.Equal("idle", (await TestHost.ReadJsonAsync(available))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_filters_by_capability_and_status_and_pages_by_cursor()
    {
        var (a, keyA) = await Host.RegisterAsync("list-a", """{"listcap":0.9}""");
        var (b, _) = await Host.RegisterAsync("list-b", """{"listcap":0.1}""");
        var (c, keyC) = await Host.RegisterAsync("list-c", """{"othercap":0.5}""");
        using (await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", keyA, body: null))
        using (await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", keyC, """{"status":"busy"}"""))
        {
        }

        Assert.Equal([a, b], await IdsAsync("api/v1/agents?capability=listcap", keyC));
        Assert.Equal([a], await IdsAsync("api/v1/agents?capability=listcap&status=available", keyC));
        Assert.Equal([b], await IdsAsync("api/v1/agents?capability=listcap&status=offline", keyC));
        Assert.Equal([c], await IdsAsync("api/v1/agents?status=busy", keyA));

        using var first = await Host.SendAsync(HttpMethod.Get, "api/v1/agents?capability=listcap&limit=1", keyA);
        var page = await TestHost.ReadJsonAsync(first);
        Assert.Equal(a, page["agents"]![0]!["id"]!.GetValue<string>());
        var cursor = page["next_cursor"]!.GetValue<string>();
        Assert.Equal([b], await IdsAsync($"api/v1/agents?capability=listcap&limit=1&after={cursor}", keyA));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=sleeping", "status")]
    [InlineData("capability=Search!", "capability")]
    [InlineData("after=abc", "after")]
    public async Task Bad_listing_queries_are_400_naming_the_parameter(string query, string field)
    {
        var (_, key) = await Host.RegisterAsync($"list-bad-{Guid.NewGuid():N}"[..30]);

        using var response = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents?{query}", key);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]![field]);
    }

    private async Task<List<string>> IdsAsync(string path, string key)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await TestHost.ReadJsonAsync(response);
        return json["agents"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToList();
    }
}
