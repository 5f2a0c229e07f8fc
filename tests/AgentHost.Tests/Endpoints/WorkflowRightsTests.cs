using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>Scoped workflow rights: granted by the operator, checked by one filter on the start and raise-event routes.</summary>
public sealed class WorkflowRightsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Flow = """{"id":"rights-flow","steps":[{"id":"wait-go","kind":"wait","event":{"name":"go"}}]}""";
    private const string OtherFlow = """{"id":"rights-other","steps":[{"id":"wait-go","kind":"wait","event":{"name":"go"}}]}""";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task An_agent_starts_only_granted_definitions_and_raises_events_only_on_its_own_instances()
    {
        await RegisterDefinitionsAsync();
        var (id, key) = await Host.RegisterAsync("rights-holder");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-flow","instance_id":"rights-1"}""")).Status);

        var grant = await SendAsync(HttpMethod.Put, $"api/v1/agents/{id}/rights", TestHost.OperatorToken, """{"start_definitions":["rights-flow","rights-flow"],"raise_events":true}""");
        var started = await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-flow","instance_id":"rights-1"}""");
        var other = await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-other","instance_id":"rights-2"}""");
        var operatorStarted = await PostAsync("api/v1/workflows/instances", TestHost.OperatorToken, """{"definition_id":"rights-flow","instance_id":"rights-op"}""");
        var restart = await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-flow","instance_id":"rights-op"}""");
        var ownEvent = await PostAsync("api/v1/workflows/instances/rights-1/events/go", key, "{}");
        var foreignEvent = await PostAsync("api/v1/workflows/instances/rights-op/events/go", key, "{}");
        var list = await SendAsync(HttpMethod.Get, "api/v1/workflows/instances", key, null);

        Assert.Equal((HttpStatusCode.OK, """{"start_definitions":["rights-flow"],"raise_events":true}"""), grant);
        Assert.Equal(HttpStatusCode.Created, started.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(HttpStatusCode.Created, operatorStarted.Status);
        Assert.Equal(HttpStatusCode.OK, restart.Status);
        Assert.Equal(HttpStatusCode.OK, ownEvent.Status);
        Assert.Equal(HttpStatusCode.Forbidden, foreignEvent.Status);
        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
    }

    [Fact]
    public async Task Revoking_takes_effect_at_once_and_the_operator_reads_the_rights()
    {
        await RegisterDefinitionsAsync();
        var (id, key) = await Host.RegisterAsync("rights-revoked");
        await SendAsync(HttpMethod.Put, $"api/v1/agents/{id}/rights", TestHost.OperatorToken, """{"start_definitions":["rights-flow"],"raise_events":true}""");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-flow","instance_id":"rights-3"}""")).Status);

        var revoke = await SendAsync(HttpMethod.Put, $"api/v1/agents/{id}/rights", TestHost.OperatorToken, """{"start_definitions":[]}""");
        var start = await PostAsync("api/v1/workflows/instances", key, """{"definition_id":"rights-flow","instance_id":"rights-4"}""");
        var raise = await PostAsync("api/v1/workflows/instances/rights-3/events/go", key, "{}");
        var read = await SendAsync(HttpMethod.Get, $"api/v1/agents/{id}/rights", TestHost.OperatorToken, null);

        Assert.Equal(HttpStatusCode.OK, revoke.Status);
        Assert.Equal(HttpStatusCode.Forbidden, start.Status);
        Assert.Equal(HttpStatusCode.Forbidden, raise.Status);
        Assert.Equal((HttpStatusCode.OK, """{"start_definitions":[],"raise_events":false}"""), read);
    }

    private async Task RegisterDefinitionsAsync()
    {
        foreach (var definition in new[] { Flow, OtherFlow })
        {
            var (status, body) = await PostAsync("api/v1/workflows/definitions", TestHost.OperatorToken, definition);
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body);
        }
    }

    private Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string bearer, string body) => SendAsync(HttpMethod.Post, path, bearer, body);

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string bearer, string? body)
    {
        using var response = await Host.SendAsync(method, path, bearer, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
