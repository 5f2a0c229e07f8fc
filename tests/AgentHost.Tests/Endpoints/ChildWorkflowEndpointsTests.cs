using System.Net;
using System.Text.Json.Nodes;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>The child <c>workflow</c> step through the HTTP API: definitions registered over the API, parent and child both
/// visible in status and listing, and an invalid step refused with its path.</summary>
public sealed class ChildWorkflowEndpointsTests
{
    [Fact]
    public async Task A_parent_runs_a_child_defined_over_the_api_and_status_links_both_ways()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Workflows:BuiltInAgents:Enabled"] = "true" });
        await DefineAsync(host, """
            { "id": "summarize", "steps": [ { "id": "say", "kind": "agent_task", "agent": "echo", "input": { "text": "${input.text}" } } ],
              "output": "${steps.say.output}" }
            """);
        await DefineAsync(host, """
            { "id": "project", "steps": [ { "id": "goal", "kind": "workflow", "definition": "summarize", "version": 1, "input": { "text": "${input.topic}" } } ] }
            """);

        using (var started = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/instances", TestHost.OperatorToken, """{"definition_id":"project","instance_id":"proj-1","input":{"topic":"tides"}}"""))
        {
            started.EnsureSuccessStatusCode();
        }

        var parent = await GetAsync(host, "api/v1/workflows/instances/proj-1?wait=30");
        var child = await GetAsync(host, "api/v1/workflows/instances/proj-1~goal");
        var listed = await GetAsync(host, "api/v1/workflows/instances?status=completed");

        Assert.Equal("completed", parent["status"]!.GetValue<string>());
        var goal = parent["steps"]!.AsArray().Single(s => s!["step_id"]!.GetValue<string>() == "goal")!;
        Assert.Equal("proj-1~goal", goal["child_instance_id"]!.GetValue<string>());
        Assert.Equal(child["output"]!.ToJsonString(), parent["output"]!.ToJsonString());
        Assert.Contains("tides", child["output"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("completed", "summarize", "proj-1", "proj-1:goal:1"), (
            child["status"]!.GetValue<string>(), child["definition_id"]!.GetValue<string>(),
            child["parent_instance_id"]!.GetValue<string>(), child["parent_task_id"]!.GetValue<string>()));
        Assert.Equal(["proj-1", "proj-1~goal"], listed["instances"]!.AsArray().Select(i => i!["instance_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_workflow_step_without_a_definition_is_refused_naming_its_path()
    {
        await using var host = await TestHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken, """
            { "id": "broken", "steps": [ { "id": "goal", "kind": "workflow", "version": 0 } ] }
            """);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("is required (the id of a registered definition)", problem["errors"]!["steps[goal].definition"]![0]!.GetValue<string>());
        Assert.Equal("must be >= 1", problem["errors"]!["steps[goal].version"]![0]!.GetValue<string>());
    }

    private static async Task DefineAsync(TestHost host, string json)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", TestHost.OperatorToken, json);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<JsonNode> GetAsync(TestHost host, string path)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);
        response.EnsureSuccessStatusCode();
        return await TestHost.ReadJsonAsync(response);
    }
}
