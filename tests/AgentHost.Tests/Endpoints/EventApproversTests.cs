using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Audit;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>A wait step's <c>approvers</c>: only they may raise its event, whatever scoped rights others hold; refusals are 403,
/// change nothing and are audited.</summary>
public sealed class EventApproversTests
{
    [Fact]
    public async Task Only_approvers_by_role_or_id_raise_a_guarded_event_and_every_refusal_is_audited_and_changes_nothing()
    {
        var recorder = new RecordingLoggerProvider(AuditLog.Category);
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { [$"Logging:LogLevel:{AuditLog.Category}"] = "Information" },
            builder => builder.Logging.AddProvider(recorder));
        var (_, managerKey) = await RegisterAsync(host, "approver-manager", "manager");
        var (_, executorKey) = await RegisterAsync(host, "approver-executor", "executor");
        var (named, namedKey) = await RegisterAsync(host, "approver-named", null);
        var (starter, starterKey) = await RegisterAsync(host, "approver-starter", null);
        var definition = new JsonObject
        {
            ["id"] = "guarded-flow",
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "approve",
                ["kind"] = "wait",
                ["event"] = new JsonObject { ["name"] = "approved", ["approvers"] = new JsonArray("manager", named) },
            }),
        };
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(host, HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken, definition.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(
            host, HttpMethod.Put, $"api/v1/agents/{starter}/rights", TestHost.OperatorToken, """{"start_definitions":["guarded-flow"],"raise_events":true}"""));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(
            host, HttpMethod.Post, "api/v1/workflows/instances", starterKey, """{"definition_id":"guarded-flow","instance_id":"guarded-1"}"""));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(
            host, HttpMethod.Post, "api/v1/workflows/instances", TestHost.OperatorToken, """{"definition_id":"guarded-flow","instance_id":"guarded-2"}"""));

        using var byStarter = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances/guarded-1/events/approved", starterKey, """{"payload":{"ok":true}}""");
        using var byOperator = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances/guarded-1/events/approved", TestHost.OperatorToken, """{"payload":{"ok":true}}""");
        using var byExecutor = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances/guarded-1/events/approved", executorKey, """{"payload":{"ok":true}}""");
        var stillWaiting = await GetAsync(host, "api/v1/workflows/instances/guarded-1");

        await ProblemAssert.IsAsync(byStarter, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(byOperator, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(byExecutor, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("running", stillWaiting["status"]!.GetValue<string>().ToLowerInvariant());
        Assert.Equal(0, stillWaiting["steps"]!.AsArray().Count(s => s!["status"]!.GetValue<string>().Equals("completed", StringComparison.OrdinalIgnoreCase)));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Post, "api/v1/workflows/instances/guarded-1/events/approved", managerKey, """{"payload":{"by":"manager"}}"""));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, HttpMethod.Post, "api/v1/workflows/instances/guarded-2/events/approved", namedKey, """{"payload":{"by":"named"}}"""));
        var first = await GetAsync(host, "api/v1/workflows/instances/guarded-1?wait=10");
        var second = await GetAsync(host, "api/v1/workflows/instances/guarded-2?wait=10");
        Assert.Equal("manager", first["steps"]![0]!["output"]!["by"]!.GetValue<string>());
        Assert.Equal("named", second["steps"]![0]!["output"]!["by"]!.GetValue<string>());

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (Refusals(recorder).Count < 3 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(3, Refusals(recorder).Count);
        Assert.Contains(Refusals(recorder), e => e.Values.Values.Contains($"agent:{starter}"));
        Assert.Contains(Refusals(recorder), e => e.Values.Values.Contains("operator"));
    }

    private static List<RecordedEntry> Refusals(RecordingLoggerProvider recorder) =>
        [.. recorder.Entries.Where(e => e.Values.Values.Contains("RaiseWorkflowEvent") && e.Values.Values.Contains("403"))];

    private static async Task<(string Id, string Key)> RegisterAsync(TestHost host, string name, string? role)
    {
        var body = role is null ? $$"""{"name":"{{name}}"}""" : $$"""{"name":"{{name}}","role":"{{role}}"}""";
        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/agents", null, body);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    private static async Task<HttpStatusCode> StatusAsync(TestHost host, HttpMethod method, string path, string bearer, string body)
    {
        using var response = await host.SendAsync(method, path, bearer, body);
        return response.StatusCode;
    }

    private static async Task<JsonNode> GetAsync(TestHost host, string path)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);
        var json = await TestHost.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }
}
