using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.Agents.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class TeamEndpointsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_yaml_team_is_declared_read_listed_replaced_and_removed_and_gets_a_platform_channel()
    {
        var (manager, _) = await Host.RegisterAsync("team-yaml-manager");
        var yaml = $"""
            name: Research team
            members:
              - role: manager
                agent: {manager}
              - role: coordinator
                capabilities: {"{"}planning: 1{"}"}
                min_confidence: 0.5
              - role: executor
                capabilities:
                  code: 2
                  test: 1
                count: 4
            planners:
              coordinator:
                capabilities: {"{"}planning: 1{"}"}
            policies:
              retry_budget: 4
              reassignment: false
              escalation: {"{"}to_coordinator_after: 2, to_manager_after: 2{"}"}
              budgets: {"{"}max_tokens: 200000, max_cost_usd: 2.5{"}"}
              approvals:
                - at: project_plan
                  approvers: [operator, manager]
                  timeout_seconds: 3600
                  default: approve
            """;

        using var put = await PutAsync("research", yaml, "application/yaml");
        var created = await TestHost.ReadJsonAsync(put);
        using var replaced = await PutAsync("research", created.ToJsonString(), "application/json");
        var read = await GetAsync("api/v1/teams/research");
        var listed = await GetAsync("api/v1/teams");
        var channel = await Host.Services.GetRequiredService<ChannelService>().GetAsync(ChannelId.Create("team-research"));

        Assert.True(put.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        Assert.Equal("/api/v1/teams/research", put.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        Assert.Equal("Research team", read["name"]!.GetValue<string>());
        Assert.Equal(manager, read["members"]![0]!["agent"]!.GetValue<string>());
        Assert.Equal(4, read["members"]![2]!["count"]!.GetValue<int>());
        Assert.Equal(2.0, read["members"]![2]!["capabilities"]!["code"]!.GetValue<double>());
        Assert.Equal(0.5, read["members"]![1]!["min_confidence"]!.GetValue<double>());
        Assert.Equal(4, read["policies"]!["retry_budget"]!.GetValue<int>());
        Assert.False(read["policies"]!["reassignment"]!.GetValue<bool>());
        Assert.Equal(2, read["policies"]!["escalation"]!["to_coordinator_after"]!.GetValue<int>());
        Assert.Equal(200000, read["policies"]!["budgets"]!["max_tokens"]!.GetValue<long>());
        Assert.Equal(["operator", "manager"], read["policies"]!["approvals"]![0]!["approvers"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("team-research", read["channel"]!.GetValue<string>());
        Assert.Contains(listed["teams"]!.AsArray(), t => t!["id"]!.GetValue<string>() == "research");
        Assert.Equal(TeamEndpoints.ChannelOwner, channel.CreatedBy);

        using var delete = await Host.SendAsync(HttpMethod.Delete, "api/v1/teams/research", TestHost.OperatorToken);
        using var gone = await Host.SendAsync(HttpMethod.Get, "api/v1/teams/research", TestHost.OperatorToken);
        using var again = await Host.SendAsync(HttpMethod.Delete, "api/v1/teams/research", TestHost.OperatorToken);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await ProblemAssert.IsAsync(gone, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(again, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Defaults_fill_in_the_policies_of_a_minimal_json_team()
    {
        using var put = await PutAsync("minimal", Minimal(), "application/json");
        var team = await TestHost.ReadJsonAsync(put);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("minimal", team["name"]!.GetValue<string>());
        Assert.Equal(3, team["policies"]!["retry_budget"]!.GetValue<int>());
        Assert.True(team["policies"]!["reassignment"]!.GetValue<bool>());
        Assert.Equal(3, team["policies"]!["escalation"]!["to_coordinator_after"]!.GetValue<int>());
        Assert.Equal(1, team["policies"]!["escalation"]!["to_manager_after"]!.GetValue<int>());
        Assert.Empty(team["policies"]!["approvals"]!.AsArray());
        Assert.Equal("""{"approvers":["operator","manager"],"timeout_seconds":3600,"default":"give_up"}""", team["policies"]!["escalation"]!["human"]!.ToJsonString());
        Assert.Equal(1, team["members"]![2]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_declared_human_escalation_policy_is_checked_like_an_approval_point_and_shown_as_declared()
    {
        var team = JsonNode.Parse(Minimal())!.AsObject();
        team["policies"] = JsonNode.Parse("""{"escalation": {"to_manager_after": 21, "human": {"approvers": ["boss"], "timeout_seconds": 0, "default": "approve", "cc": 1}}}""");
        using var bad = await PutAsync("bad-human", team.ToJsonString(), "application/json");
        team["policies"] = JsonNode.Parse("""{"escalation": {"to_manager_after": 3, "human": {"approvers": ["coordinator", "operator"], "timeout_seconds": 5, "default": "retry"}}}""");
        using var good = await PutAsync("good-human", team.ToJsonString(), "application/json");

        var errors = (await ProblemAssert.IsAsync(bad, HttpStatusCode.BadRequest, "validation"))["errors"]!.AsObject();
        foreach (var path in new[]
        {
            "/policies/escalation/to_manager_after", "/policies/escalation/human/approvers/0", "/policies/escalation/human/timeout_seconds",
            "/policies/escalation/human/default", "/policies/escalation/human/cc",
        })
        {
            Assert.True(errors.ContainsKey(path), $"no problem at {path}: {errors.ToJsonString()}");
        }

        var declared = await TestHost.ReadJsonAsync(good);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(3, declared["policies"]!["escalation"]!["to_manager_after"]!.GetValue<int>());
        Assert.Equal("""{"approvers":["coordinator","operator"],"timeout_seconds":5,"default":"retry"}""", declared["policies"]!["escalation"]!["human"]!.ToJsonString());
    }

    [Fact]
    public async Task A_declaration_registers_the_team_definitions_so_starts_register_none_and_a_changed_one_registers_the_next_versions()
    {
        using (var put = await PutAsync("registered", Minimal(), "application/json"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var declared = await VersionsAsync("registered");
        foreach (var run in new[] { "registered-1", "registered-2" })
        {
            using var start = await Host.SendAsync(HttpMethod.Post, "api/v1/teams/registered/projects", TestHost.OperatorToken, $$"""{"input":{ },"run_id":"{{run}}"}""");
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        }

        var started = await VersionsAsync("registered");
        using (var same = await PutAsync("registered", Minimal(), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }

        var redeclared = await VersionsAsync("registered");
        var changed = JsonNode.Parse(Minimal())!.AsObject();
        changed["policies"] = JsonNode.Parse("""{"retry_budget": 2}""");
        using (var put = await PutAsync("registered", changed.ToJsonString(), "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var replaced = await VersionsAsync("registered");
        var run1 = await GetAsync("api/v1/workflows/instances/registered-1");

        Assert.Equal("team.registered=[1] team.registered.goal=[1]", declared);
        Assert.Equal(declared, started);
        Assert.Equal(declared, redeclared);
        Assert.Equal("team.registered=[1,2] team.registered.goal=[1,2]", replaced);
        Assert.Equal(1, run1["definition_version"]!.GetValue<int>());
    }

    private async Task<string> VersionsAsync(string team)
    {
        var listed = await GetAsync("api/v1/workflows/definitions");
        return string.Join(' ', listed["definitions"]!.AsArray()
            .Where(d => d!["id"]!.GetValue<string>() is var id && (id == $"team.{team}" || id == $"team.{team}.goal"))
            .OrderBy(d => d!["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(d => $"{d!["id"]!.GetValue<string>()}={d["versions"]!.ToJsonString()}"));
    }

    [Fact]
    public async Task Every_problem_of_a_bad_declaration_is_named_by_path_and_nothing_is_stored()
    {
        var body = """
            {
              "id": "other",
              "colour": "blue",
              "members": [
                { "role": "boss", "capabilities": { "code": 1 } },
                { "role": "coordinator" },
                { "role": "executor", "agent": "agt_00000000000000000000", "capabilities": { "code": 1 } },
                { "role": "executor", "capabilities": { "Code": 1, "test": 0 }, "count": 0 },
                { "role": "manager", "agent": "not-an-id", "count": 2 }
              ],
              "planners": { "executor": { "agent": "agt_00000000000000000000" }, "manager": { "capabilities": {} } },
              "policies": {
                "retry_budget": 2,
                "reassignment": "yes",
                "escalation": { "to_coordinator_after": 5 },
                "budgets": { "max_tokens": -1, "max_cost_usd": 0 },
                "approvals": [ { "at": "lunch", "approvers": ["operator", "boss"], "default": "maybe" } ]
              }
            }
            """;

        using var put = await PutAsync("broken", body, "application/json");

        var problem = await ProblemAssert.IsAsync(put, HttpStatusCode.BadRequest, "validation");
        var errors = problem["errors"]!.AsObject();
        foreach (var path in new[]
        {
            "/id", "/colour", "/members/0/role", "/members/1", "/members/2", "/members/3/capabilities/Code",
            "/members/3/capabilities/test", "/members/3/count", "/members/4/agent", "/members/4/count", "/planners/executor",
            "/planners/manager/capabilities", "/policies/reassignment", "/policies/escalation/to_coordinator_after",
            "/policies/budgets/max_tokens", "/policies/budgets/max_cost_usd", "/policies/approvals/0/at",
            "/policies/approvals/0/approvers/1", "/policies/approvals/0/timeout_seconds", "/policies/approvals/0/default",
        })
        {
            Assert.True(errors.ContainsKey(path), $"no problem at {path}: {problem.ToJsonString()}");
        }

        using var get = await Host.SendAsync(HttpMethod.Get, "api/v1/teams/broken", TestHost.OperatorToken);
        await ProblemAssert.IsAsync(get, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_member_naming_an_unregistered_agent_a_missing_role_and_bad_text_are_refused()
    {
        using var unknown = await PutAsync("ghosts", Minimal(manager: "agt_0123456789abcdef0123"), "application/json");
        using var roles = await PutAsync("no-exec", """{"members":[{"role":"manager","capabilities":{"plan":1}}]}""", "application/json");
        using var notJson = await PutAsync("garbage", "{ not json", "application/json");
        using var notYaml = await PutAsync("garbage", "a: [1, 2", "application/yaml");
        using var badId = await PutAsync("Bad_Id", Minimal(), "application/json");
        using var channel = await PutAsync("chan", Minimal(channel: "elsewhere"), "application/json");

        Assert.NotNull((await ProblemAssert.IsAsync(unknown, HttpStatusCode.BadRequest, "validation"))["errors"]!["/members/0/agent"]);
        var missing = (await ProblemAssert.IsAsync(roles, HttpStatusCode.BadRequest, "validation"))["errors"]!["/members"]!.ToJsonString();
        Assert.Contains("coordinator", missing, StringComparison.Ordinal);
        Assert.Contains("executor", missing, StringComparison.Ordinal);
        Assert.NotNull((await ProblemAssert.IsAsync(notJson, HttpStatusCode.BadRequest, "validation"))["errors"]!["/"]);
        Assert.NotNull((await ProblemAssert.IsAsync(notYaml, HttpStatusCode.BadRequest, "validation"))["errors"]!["/"]);
        Assert.NotNull((await ProblemAssert.IsAsync(badId, HttpStatusCode.BadRequest, "validation"))["errors"]!["/id"]);
        Assert.NotNull((await ProblemAssert.IsAsync(channel, HttpStatusCode.BadRequest, "validation"))["errors"]!["/channel"]);
        var listed = await GetAsync("api/v1/teams");
        Assert.DoesNotContain(listed["teams"]!.AsArray(), t => t!["id"]!.GetValue<string>() is "ghosts" or "no-exec" or "garbage" or "chan");
    }

    [Fact]
    public async Task Teams_are_for_the_operator_only()
    {
        var (_, key) = await Host.RegisterAsync("team-outsider");
        using var content = new StringContent(Minimal(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v1/teams/sneaky") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var put = await Host.Client.SendAsync(request);
        using var list = await Host.SendAsync(HttpMethod.Get, "api/v1/teams", key);
        using var anonymous = await Host.SendAsync(HttpMethod.Get, "api/v1/teams", null);

        Assert.True(put.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, put.StatusCode.ToString());
        Assert.True(list.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, list.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var get = await Host.SendAsync(HttpMethod.Get, "api/v1/teams/sneaky", TestHost.OperatorToken);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    private static string Minimal(string? manager = null, string? channel = null)
    {
        var team = new JsonObject
        {
            ["members"] = new JsonArray(
                manager is null
                    ? new JsonObject { ["role"] = "manager", ["capabilities"] = new JsonObject { ["plan"] = 1 } }
                    : new JsonObject { ["role"] = "manager", ["agent"] = manager },
                new JsonObject { ["role"] = "coordinator", ["capabilities"] = new JsonObject { ["plan"] = 1 } },
                new JsonObject { ["role"] = "executor", ["capabilities"] = new JsonObject { ["code"] = 1 } }),
        };
        if (channel is not null)
        {
            team["channel"] = channel;
        }

        return team.ToJsonString();
    }

    private async Task<HttpResponseMessage> PutAsync(string id, string body, string contentType) =>
        await Host.SendAsync(HttpMethod.Put, $"api/v1/teams/{id}", TestHost.OperatorToken, body, contentType);

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }
}
