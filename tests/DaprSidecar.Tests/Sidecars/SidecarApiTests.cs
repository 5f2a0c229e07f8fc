using System.Net;
using System.Net.Http.Json;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Components;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.DaprSidecar.Tests.Sidecars;

/// <summary>Start-up order, health, service invocation, secrets and metadata as DaprClient sees them.</summary>
public sealed class SidecarApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DaprTestCluster _cluster = null!;
    private DaprClient _client = null!;
    private TestApp? _app;

    private SidecarEndpoints Sidecar => _cluster.Sidecars[0];

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_data.Path, "secrets.json"), """{"llm":{"openai":"sk-file"},"plain":"p"}""");
        var options = new DaprTestClusterOptions { DataDirectory = _data.Path, ComponentsWorkingDirectory = _data.Path };
        options.AppPorts.Add(FreePorts.TakeOne());
        options.Components.Add(new DaprComponent("filesecrets", "secretstores.local.file", new Dictionary<string, string> { ["secretsFile"] = "secrets.json" }));
        options.Secrets["secretstore"] = new Dictionary<string, IDictionary<string, string>>
        {
            ["operator-token"] = new Dictionary<string, string> { ["operator-token"] = "op-123" },
        };
        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        _client = new DaprClientBuilder().UseGrpcEndpoint(Sidecar.GrpcEndpoint.ToString()).UseHttpEndpoint(Sidecar.HttpEndpoint.ToString()).Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_sidecar_is_reachable_before_its_app_and_ready_once_the_app_answers()
    {
        var token = TestTimeout.After();
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };

        await _client.WaitForSidecarAsync(token);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/v1.0/healthz", token)).StatusCode);

        await StartEchoAppAsync(token);
        await _cluster.WaitForAppsAsync(token);
        Assert.True(await _client.CheckHealthAsync(token));
    }

    [Fact]
    public async Task Service_invocation_forwards_verb_path_query_and_body_and_returns_the_apps_answer()
    {
        var token = TestTimeout.After();
        await StartEchoAppAsync(token);
        await _cluster.WaitForAppsAsync(token);

        using var invoke = DaprClient.CreateInvokeHttpClient("agent-platform", Sidecar.HttpEndpoint.ToString().TrimEnd('/'));

        using var echoed = await invoke.PostAsJsonAsync("/echo/first?x=1", new Echo("hello"), token);
        using var notFound = await invoke.GetAsync("/missing", token);

        Assert.Equal(new Echo("POST /echo/first?x=1 hello"), await echoed.Content.ReadFromJsonAsync<Echo>(token));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Secrets_come_from_the_options_and_from_a_local_file_store()
    {
        var token = TestTimeout.After();
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };

        Assert.Equal("op-123", (await _client.GetSecretAsync("secretstore", "operator-token", cancellationToken: token))["operator-token"]);
        Assert.Equal("sk-file", (await _client.GetSecretAsync("filesecrets", "llm:openai", cancellationToken: token))["llm:openai"]);
        var bulk = await _client.GetBulkSecretAsync("filesecrets", cancellationToken: token);
        Assert.Equal(["llm:openai", "plain"], bulk.Keys.Order());
        Assert.Equal("op-123", (await http.GetFromJsonAsync<Dictionary<string, string>>("/v1.0/secrets/secretstore/operator-token", token))!["operator-token"]);

        var unknown = await Assert.ThrowsAsync<DaprException>(() => _client.GetSecretAsync("nope", "x", cancellationToken: token));
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(unknown.InnerException).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1.0/secrets/nope/x", token)).StatusCode);
    }

    [Fact]
    public async Task Metadata_names_the_app_and_its_components()
    {
        var metadata = await _client.GetMetadataAsync(TestTimeout.After());

        Assert.Equal("agent-platform", metadata.Id);
        Assert.Contains(metadata.Components, component => component.Name == "actorstore");
    }

    private async Task StartEchoAppAsync(CancellationToken token) =>
        _app = await TestApp.StartAsync(
            Sidecar,
            _ => { },
            app => app.MapPost("/echo/{name}", (HttpRequest request, Echo echo) => new Echo($"{request.Method} {request.Path}{request.QueryString} {echo.Text}")),
            token);

    private sealed record Echo(string Text);
}
