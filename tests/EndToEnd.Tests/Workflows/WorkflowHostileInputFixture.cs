using System.Net.Http.Headers;
using System.Text;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Workflows;

/// <summary>A host with one registered definition (<c>known</c>, waiting for the event <c>go</c>) and one running
/// instance of it (<c>known-1</c>), for hostile requests that must change neither.</summary>
/// <remarks><c>MaxExpressionLength</c> is raised to its ceiling so that a condition of tens of thousands of parentheses
/// reaches the parser and is refused by the depth limit, not the length limit.</remarks>
public sealed class WorkflowHostileInputFixture : IAsyncLifetime
{
    public const string OperatorToken = "workflow-hostile-operator-token";

    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public HttpClient Client { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var timeout = TestTimeout.After(90);
        _host = await HostProcess.StartNewAsync(
            null,
            new Dictionary<string, string>
            {
                ["Api__OperatorToken"] = OperatorToken,
                ["Workflows__Limits__MaxExpressionLength"] = "65536",
            },
            timeout);
        Client = _host.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        await PostAsync("definitions", "id: known\nsteps:\n  - { id: hold, kind: wait, event: { name: go } }\n", "application/yaml", timeout);
        await PostAsync("instances", """{"definition_id":"known","instance_id":"known-1"}""", "application/json", timeout);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task PostAsync(string path, string body, string mediaType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await Client.PostAsync(new Uri("api/v1/workflows/" + path, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Set-up call {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
