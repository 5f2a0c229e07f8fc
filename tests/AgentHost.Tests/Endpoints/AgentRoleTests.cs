using System.Net;
using System.Text.Json.Nodes;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class AgentRoleTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_role_given_at_registration_is_in_the_profile_and_a_patch_changes_or_clears_it()
    {
        var (id, key) = await RegisterAsync("role-coordinator", "coordinator", """{"rplan":0.9}""");

        var registered = await GetAsync($"api/v1/agents/{id}", TestHost.OperatorToken);
        using var promote = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"role":"manager"}""");
        var promoted = await TestHost.ReadJsonAsync(promote);
        using var keep = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"description":"plans"}""");
        var kept = await TestHost.ReadJsonAsync(keep);
        using var clear = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"role":null}""");
        var cleared = await TestHost.ReadJsonAsync(clear);

        Assert.Equal("coordinator", registered["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal("manager", promoted["role"]!.GetValue<string>());
        Assert.Equal("manager", kept["role"]!.GetValue<string>());
        Assert.Null(cleared["role"]);
        Assert.Null((await GetAsync("api/v1/agents/me", key))["role"]);
    }

    [Theory]
    [InlineData("""{"name":"role-bad-1","role":"boss"}""")]
    [InlineData("""{"name":"role-bad-2","role":"Manager"}""")]
    [InlineData("""{"name":"role-bad-3","role":""}""")]
    public async Task An_unknown_role_at_registration_is_400_naming_role_and_registers_nothing(string body)
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents", null, body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]!["role"]);
        var name = JsonNode.Parse(body)!["name"]!.GetValue<string>();
        var listed = await GetAsync("api/v1/agents?limit=200", TestHost.OperatorToken);
        Assert.DoesNotContain(listed["agents"]!.AsArray(), a => a!["name"]!.GetValue<string>() == name);
    }

    [Theory]
    [InlineData("""{"role":"chief"}""")]
    [InlineData("""{"role":7}""")]
    public async Task An_unknown_role_in_a_patch_is_400_and_keeps_the_role(string body)
    {
        var (_, key) = await RegisterAsync($"role-keep-{Guid.NewGuid():N}"[..20], "executor", null);

        using var response = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]!["role"]);
        Assert.Equal("executor", (await GetAsync("api/v1/agents/me", key))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Match_with_a_role_keeps_only_agents_of_that_role_and_explains_the_others()
    {
        var (executor, executorKey) = await RegisterAsync("role-match-exec", "executor", """{"rcode":0.6}""");
        var (coordinator, coordinatorKey) = await RegisterAsync("role-match-coord", "coordinator", """{"rcode":0.9}""");
        var (plain, plainKey) = await RegisterAsync("role-match-none", null, """{"rcode":1.0}""");
        foreach (var key in new[] { executorKey, coordinatorKey, plainKey })
        {
            using var beat = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", key, body: null);
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        var all = await GetAsync("api/v1/registry/match?capabilities=rcode", TestHost.OperatorToken);
        var executors = await GetAsync("api/v1/registry/match?capabilities=rcode&role=executor", TestHost.OperatorToken);

        Assert.Equal([plain, coordinator, executor], Ids(all["candidates"]!));
        Assert.Equal([executor], Ids(executors["candidates"]!));
        Assert.Equal("executor", executors["candidates"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("executor", executors["role"]!.GetValue<string>());
        var reasons = executors["excluded"]!.AsArray().ToDictionary(e => e!["agent_id"]!.GetValue<string>(), e => e!["reason"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string> { [plain] = "other_role", [coordinator] = "other_role" }, reasons);

        using var demote = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", coordinatorKey, """{"role":"executor"}""");
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        var after = await GetAsync("api/v1/registry/match?capabilities=rcode&role=executor", TestHost.OperatorToken);
        Assert.Equal([coordinator, executor], Ids(after["candidates"]!));
    }

    [Fact]
    public async Task The_agent_list_filters_by_role()
    {
        var (manager, _) = await RegisterAsync("role-list-manager", "manager", null);
        await RegisterAsync("role-list-executor", "executor", null);

        var managers = await GetAsync("api/v1/agents?role=manager&limit=200", TestHost.OperatorToken);

        Assert.Contains(managers["agents"]!.AsArray(), a => a!["id"]!.GetValue<string>() == manager);
        Assert.All(managers["agents"]!.AsArray(), a => Assert.Equal("manager", a!["role"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("api/v1/registry/match?capabilities=rcode&role=boss")]
    [InlineData("api/v1/agents?role=boss")]
    public async Task A_bad_role_filter_is_400_naming_role(string path)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem["errors"]!["role"]);
    }

    private static List<string> Ids(JsonNode list) => list.AsArray().Select(x => x!["agent_id"]!.GetValue<string>()).ToList();

    private async Task<(string Id, string Key)> RegisterAsync(string name, string? role, string? capabilities)
    {
        var body = new JsonObject { ["name"] = name };
        if (role is not null)
        {
            body["role"] = role;
        }

        if (capabilities is not null)
        {
            body["capabilities"] = JsonNode.Parse(capabilities);
        }

        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents", null, body.ToJsonString());
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        Assert.Equal(role, json["agent"]!["role"]?.GetValue<string>());
        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    private async Task<JsonNode> GetAsync(string path, string bearer)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path, bearer);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }
}
