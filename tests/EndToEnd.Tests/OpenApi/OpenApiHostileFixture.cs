using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Host;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>A host with state every route could touch: two agents (and a third whose first key was rotated away), a
/// channel with a message, a workflow definition and a running instance waiting for an event; and the host's own
/// OpenAPI document.</summary>
/// <remarks>No agent ever sends a heartbeat, so every presence stays offline with no heartbeat time: nothing in the
/// snapshot depends on the clock, which is as good as frozen for the comparison.</remarks>
public class OpenApiHostileFixture : IAsyncLifetime
{
    public const string OperatorToken = "openapi-hostile-operator-token";

    private HostUnderTest? _host;

    public HostProcess Host => _host?.Host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client { get; private set; } = new();

    public JsonNode Document { get; private set; } = new JsonObject();

    public string OwnerKey { get; private set; } = string.Empty;

    public string VictimId { get; private set; } = string.Empty;

    public string VictimKey { get; private set; } = string.Empty;

    public string StaleKey { get; private set; } = string.Empty;

    /// <summary>The runtime the host runs on.</summary>
    protected virtual HostRuntime Runtime => HostRuntime.Embedded;

    public async Task InitializeAsync()
    {
        var timeout = TestTimeout.After(120);
        _host = await HostUnderTest.StartAsync(
            Runtime,
            new Dictionary<string, string>
            {
                ["Api__OperatorToken"] = OperatorToken,
                ["Api__RateLimit__PermitsPerSecond"] = "1000000",
                ["Api__RateLimit__Burst"] = "1000000",
                ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000000",
                ["Api__RegistrationRateLimit__Burst"] = "1000000",
                ["Logging__LogLevel__Default"] = "Warning",

                // Accepted agent requests would count as heartbeats, so reading the state back would change it.
                ["Agents__Liveness__RequestsCountAsHeartbeats"] = "false",
            },
            timeout);
        Client = Host.CreateClient();
        (_, OwnerKey) = await RegisterAsync("hostile-owner", timeout);
        (VictimId, VictimKey) = await RegisterAsync("hostile-victim", timeout);
        (_, var ghostKey) = await RegisterAsync("hostile-ghost", timeout);
        StaleKey = ghostKey;
        await SendAsync(HttpMethod.Post, "api/v1/agents/me/keys/rotate", ghostKey, null, null, timeout);
        await SendAsync(HttpMethod.Post, "api/v1/channels", OwnerKey, """{"id":"lobby","name":"Lobby"}""", "application/json", timeout);
        await SendAsync(HttpMethod.Post, "api/v1/channels/lobby/messages", OwnerKey, """{"content":"hello"}""", "application/json", timeout);
        await SendAsync(HttpMethod.Post, "api/v1/workflows/definitions", OperatorToken,
            "id: known\nsteps:\n  - { id: hold, kind: wait, event: { name: go } }\n", "application/yaml", timeout);
        await SendAsync(HttpMethod.Post, "api/v1/workflows/instances", OperatorToken, """{"definition_id":"known","instance_id":"known-1"}""", "application/json", timeout);
        Document = JsonNode.Parse(await SendAsync(HttpMethod.Get, "openapi/v1.json", null, null, null, timeout))!;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Everything a request could change, read back through the API: the registry with profiles and presence,
    /// each agent's own view (which also proves its key still works), channels and the channel log, definitions,
    /// instances and the running instance's history. Nothing here reads an inbox, since a read leases messages.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        (string Path, string Bearer)[] reads =
        [
            ("api/v1/agents?limit=200", OperatorToken),
            ("api/v1/agents/me", OwnerKey),
            ("api/v1/agents/me", VictimKey),
            ("api/v1/channels?limit=100", OwnerKey),
            ("api/v1/channels/lobby/messages?limit=200", OwnerKey),
            ("api/v1/workflows/definitions", OperatorToken),
            ("api/v1/workflows/instances?limit=1000", OperatorToken),
            ("api/v1/workflows/instances/known-1/history", OperatorToken),
        ];
        var parts = new List<string>();
        foreach (var (path, bearer) in reads)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await Client.SendAsync(request, cancellationToken);
            parts.Add($"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return string.Join("\n", parts);
    }

    private async Task<(string Id, string Key)> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(await SendAsync(HttpMethod.Post, "api/v1/agents", null, $$"""{"name":"{{name}}"}""", "application/json", cancellationToken))!;
        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    private async Task<string> SendAsync(HttpMethod method, string path, string? bearer, string? body, string? mediaType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType!);
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"Set-up call {method} {path} failed: {(int)response.StatusCode} {text}\n{Host.Log}");
    }
}
