using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Workflows;

public sealed class WorkflowApiTests(ITestOutputHelper output)
{
    private const string OperatorToken = "workflow-api-operator-token";

    private const string Definition = """
        id: greet
        steps:
          - { id: hello, kind: agent_task, agent: echo, input: { name: "${input.name}" } }
          - { id: wait-go, kind: wait, event: { name: go } }
          - { id: bye, kind: agent_task, capabilities: { echo: 1.0 }, input: "${steps.wait-go.output}" }
        """;

    private const string Quick = """
        id: quick
        steps:
          - { id: hello, kind: agent_task, agent: echo, input: { name: "${input.name}" } }
        """;

    [Fact]
    public async Task The_workflow_api_registers_starts_signals_lists_and_purges_with_problem_answers()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(
            output,
            new Dictionary<string, string> { ["Api__OperatorToken"] = OperatorToken, ["Workflows__BuiltInAgents__Enabled"] = "true" },
            timeout);
        using var anonymous = host.CreateClient();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);

        using (var unauthorized = await anonymous.GetAsync(new Uri("api/v1/workflows/instances", UriKind.Relative), timeout))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await PostTextAsync(client, "definitions", Definition, "application/yaml", timeout)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostTextAsync(client, "definitions", Definition, "text/yaml", timeout)).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostTextAsync(client, "definitions", Definition, "text/plain", timeout)).Status);
        var invalid = await PostTextAsync(
            client, "definitions", """{ "id": "bad", "steps": [ { "id": "a", "kind": "agent_task", "agent": "echo", "retry": { "max_attempts": 0 } } ] }""",
            "application/json", timeout);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(invalid.Body.GetProperty("errors").TryGetProperty("steps[a].retry.max_attempts", out _), invalid.Body.GetRawText());

        var start = new { definition_id = "greet", instance_id = "api-1", input = new { name = "ada" } };
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync(client, "instances", start, timeout)).Status);
        var again = await PostJsonAsync(client, "instances", start, timeout);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("api-1", again.Body.GetProperty("instance_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await PostJsonAsync(client, "instances", new { definition_id = "nope" }, timeout)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(client, "instances", new { definition_id = "greet", instance_id = "a/b" }, timeout)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(client, "instances", new { definition_id = "greet", surprise = 1 }, timeout)).Status);

        var stillWaiting = await GetAsync(client, "instances/api-1?wait=1", timeout);
        Assert.Equal(HttpStatusCode.OK, stillWaiting.Status);
        Assert.Equal("running", stillWaiting.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(client, "instances/api-1/events/go", new { payload = new { by = "ops" } }, timeout)).Status);
        var final = await GetAsync(client, "instances/api-1?wait=30", timeout);
        Assert.Equal("completed", final.Body.GetProperty("status").GetString());
        Assert.Equal("{\"by\":\"ops\"}", final.Body.GetProperty("output").GetRawText());
        var completed = await GetAsync(client, "instances?status=completed", timeout);
        Assert.Equal("api-1", completed.Body.GetProperty("instances")[0].GetProperty("instance_id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync(client, "instances/api-1/terminate", new { reason = "late" }, timeout)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync(client, "instances/api-1/events/go", new { }, timeout)).Status);

        // A start that waits answers once the instance has finished, or with its running state when the wait passes.
        Assert.Equal(HttpStatusCode.Created, (await PostTextAsync(client, "definitions", Quick, "application/yaml", timeout)).Status);
        var waited = await PostJsonAsync(client, "instances?wait=30", new { definition_id = "quick", instance_id = "api-quick", input = new { name = "lin" } }, timeout);
        Assert.Equal(HttpStatusCode.Created, waited.Status);
        Assert.Equal("completed", waited.Body.GetProperty("status").GetString());
        Assert.Contains("lin", waited.Body.GetProperty("output").GetRawText());
        var heldBack = await PostJsonAsync(client, "instances?wait=1", new { definition_id = "greet", instance_id = "api-2", input = new { name = "bo" } }, timeout);
        Assert.Equal(HttpStatusCode.Created, heldBack.Status);
        Assert.Equal("running", heldBack.Body.GetProperty("status").GetString());

        using (var purge = await client.DeleteAsync(new Uri("api/v1/workflows/instances/api-1", UriKind.Relative), timeout))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }

        var gone = await GetAsync(client, "instances/api-1", timeout);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("application/problem+json", gone.MediaType);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> PostTextAsync(
        HttpClient client, string path, string text, string mediaType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync(new Uri("api/v1/workflows/" + path, UriKind.Relative), content, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> PostJsonAsync(
        HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/v1/workflows/" + path, UriKind.Relative), body, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> GetAsync(
        HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("api/v1/workflows/" + path, UriKind.Relative), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> ReadAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }
}
