using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Liveness;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class RegistryMatchTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Match_ranks_available_agents_by_score_and_explains_every_exclusion()
    {
        var (strong, strongKey) = await Host.RegisterAsync("match-strong", """{"mcode":0.9,"mtest":0.6}""");
        var (weak, weakKey) = await Host.RegisterAsync("match-weak", """{"mcode":0.3}""");
        var (busy, busyKey) = await Host.RegisterAsync("match-busy", """{"mcode":1.0}""");
        var (offline, _) = await Host.RegisterAsync("match-offline", """{"mcode":1.0}""");
        var (middle, middleKey) = await Host.RegisterAsync("match-middle", """{"mcode":0.7}""");
        await BeatAsync(strongKey);
        await BeatAsync(weakKey);
        await BeatAsync(middleKey);
        await BeatAsync(busyKey, """{"status":"busy"}""");

        var json = await MatchAsync("capabilities=mcode:3,mtest&min_confidence=0.4", strongKey);

        Assert.Equal([strong, middle], Ids(json["candidates"]!));
        Assert.Equal((3 * 0.9 + 0.6) / 4, json["candidates"]![0]!["score"]!.GetValue<double>(), 9);
        Assert.Equal("idle", json["candidates"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(0.5, json["candidates"]![0]!["track_record"]!["success_rate"]!.GetValue<double>());
        Assert.Equal(0.4, json["min_confidence"]!.GetValue<double>());
        var reasons = json["excluded"]!.AsArray().ToDictionary(e => e!["agent_id"]!.GetValue<string>(), e => e!["reason"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { [busy] = "busy", [offline] = "offline", [weak] = "below_min_confidence" }, reasons);
        Assert.Equal(3, json["excluded_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_candidate_set_narrows_the_match_and_names_every_agent_outside_it()
    {
        var (inside, insideKey) = await Host.RegisterAsync("match-set-in", """{"mset":0.5}""");
        var (outside, outsideKey) = await Host.RegisterAsync("match-set-out", """{"mset":0.9}""");
        await BeatAsync(insideKey);
        await BeatAsync(outsideKey);

        var all = await MatchAsync("capabilities=mset", TestHost.OperatorToken);
        var narrowed = await MatchAsync($"capabilities=mset&agents={inside},someone-else", TestHost.OperatorToken);

        Assert.Equal([outside, inside], Ids(all["candidates"]!));
        Assert.Equal([inside], Ids(narrowed["candidates"]!));
        var excluded = Assert.Single(narrowed["excluded"]!.AsArray());
        Assert.Equal((outside, "not_in_candidate_set"), (excluded!["agent_id"]!.GetValue<string>(), excluded["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_patched_task_limit_and_the_load_apply_to_the_next_match_and_the_track_record_breaks_ties()
    {
        var (first, firstKey) = await Host.RegisterAsync("match-load-a", """{"mload":0.8}""");
        var (second, secondKey) = await Host.RegisterAsync("match-load-b", """{"mload":0.8}""");
        await BeatAsync(firstKey);
        await BeatAsync(secondKey);
        var workload = Host.Services.GetRequiredService<IAgentWorkload>();
        await workload.TaskFinishedAsync(second, succeeded: true, TimeSpan.FromMilliseconds(20));
        Assert.Equal([second, first], Ids((await MatchAsync("capabilities=mload", TestHost.OperatorToken))["candidates"]!));

        await workload.TaskStartedAsync(second);
        var atLimit = await MatchAsync("capabilities=mload", TestHost.OperatorToken);
        using var patch = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", secondKey, """{"max_concurrent_tasks":3}""");
        var raised = await MatchAsync("capabilities=mload", TestHost.OperatorToken);

        Assert.Equal([first], Ids(atLimit["candidates"]!));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal((3, 1), ((await TestHost.ReadJsonAsync(patch))["max_concurrent_tasks"]!.GetValue<int>(), (await TestHost.ReadJsonAsync(patch))["load"]!.GetValue<int>()));
        Assert.Equal([second, first], Ids(raised["candidates"]!));
        Assert.Equal("working", raised["candidates"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, raised["candidates"]![0]!["load"]!.GetValue<int>());
    }

    [Fact]
    public async Task Registration_takes_a_task_limit_and_an_own_heartbeat_interval()
    {
        using var response = await Host.SendAsync(
            HttpMethod.Post, "api/v1/agents", null, """{"name":"match-declared","max_concurrent_tasks":4,"heartbeat_interval_seconds":7200}""");
        var agent = (await TestHost.ReadJsonAsync(response))["agent"]!;
        var key = (await TestHost.ReadJsonAsync(response))["api_key"]!.GetValue<string>();
        using var beat = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
        using var reset = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"heartbeat_interval_seconds":null}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(4, agent["max_concurrent_tasks"]!.GetValue<int>());
        Assert.Equal(7200, agent["heartbeat_interval_seconds"]!.GetValue<double>());
        Assert.Equal(7200, (await TestHost.ReadJsonAsync(beat))["interval_seconds"]!.GetValue<double>());
        Assert.Null((await TestHost.ReadJsonAsync(reset))["heartbeat_interval_seconds"]);
    }

    [Theory]
    [InlineData("", "capabilities")]
    [InlineData("capabilities=", "capabilities")]
    [InlineData("capabilities=Search", "capabilities")]
    [InlineData("capabilities=search:0", "capabilities.search")]
    [InlineData("capabilities=search:-1", "capabilities.search")]
    [InlineData("capabilities=search:abc", "capabilities.search")]
    [InlineData("capabilities=search:1e9", "capabilities.search")]
    [InlineData("capabilities=search:", "capabilities.search")]
    [InlineData("capabilities=search,search", "capabilities.search")]
    [InlineData("capabilities=search&min_confidence=2", "min_confidence")]
    [InlineData("capabilities=search&min_confidence=-0.1", "min_confidence")]
    [InlineData("capabilities=search&min_confidence=NaN", "min_confidence")]
    [InlineData("capabilities=search&agents=", "agents")]
    [InlineData("capabilities=search&agents=a,,b", "agents[1]")]
    [InlineData("capabilities=search&agents=a%00b", "agents[0]")]
    [InlineData("capabilities=search&agents=a,b,a", "agents[2]")]
    [InlineData("capabilities=search&limit=0", "limit")]
    [InlineData("capabilities=search&limit=101", "limit")]
    public async Task Bad_match_queries_are_400_naming_the_parameter(string query, string field)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, $"api/v1/registry/match?{query}", TestHost.OperatorToken);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]![field]);
    }

    private static List<string> Ids(JsonNode list) => list.AsArray().Select(x => x!["agent_id"]!.GetValue<string>()).ToList();

    private async Task BeatAsync(string key, string? body = null)
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonNode> MatchAsync(string query, string bearer)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, $"api/v1/registry/match?{query}", bearer);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }
}
