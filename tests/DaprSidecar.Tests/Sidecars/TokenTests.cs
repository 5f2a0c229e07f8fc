using System.Net;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Actors;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Client;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Tests.Sidecars;

/// <summary>DAPR_API_TOKEN guards every API call but the health probes; APP_API_TOKEN goes with every call to the app.</summary>
public sealed class TokenTests : IAsyncLifetime
{
    private const string ApiToken = "api-secret";
    private const string AppToken = "app-secret";

    private readonly TempDirectory _data = new();
    private readonly Recorder _recorder = new();
    private DaprTestCluster _cluster = null!;
    private TestApp _app = null!;

    private SidecarEndpoints Sidecar => _cluster.Sidecars[0];

    public async Task InitializeAsync()
    {
        var options = new DaprTestClusterOptions { DataDirectory = _data.Path, ApiToken = ApiToken, AppApiToken = AppToken };
        options.AppPorts.Add(FreePorts.TakeOne());
        _cluster = await DaprTestCluster.StartAsync(options, TestTimeout.After());
        _app = await ActorApp.StartAsync(Sidecar, _recorder, TestTimeout.After(), requiredAppToken: AppToken);
        await _cluster.WaitForAppsAsync(TestTimeout.After());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task With_both_tokens_the_SDKs_work_and_every_app_callback_carries_the_app_token()
    {
        var token = TestTimeout.After();
        var proxy = ActorProxy.Create(new ActorId("t"), CounterActor.TypeName, new ActorProxyOptions
        {
            HttpEndpoint = Sidecar.HttpEndpoint.ToString().TrimEnd('/'),
            DaprApiToken = ApiToken,
        });
        using var client = new DaprClientBuilder().UseGrpcEndpoint(Sidecar.GrpcEndpoint.ToString()).UseDaprApiToken(ApiToken).Build();

        Assert.Equal(4, await proxy.InvokeMethodAsync<int, int>(nameof(ICounterActor.Increment), 4, token));
        await client.SaveStateAsync("statestore", "k", "v", cancellationToken: token);

        Assert.Contains("token-ok:/dapr/config", _recorder.Entries);
        Assert.Contains("token-ok:/actors/counter/t/method/Increment", _recorder.Entries);
        Assert.DoesNotContain(_recorder.Entries, entry => entry.StartsWith("token-bad:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_api_token_HTTP_answers_401_and_gRPC_Unauthenticated_but_health_stays_open()
    {
        var token = TestTimeout.After();
        using var http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };
        using var client = new DaprClientBuilder().UseGrpcEndpoint(Sidecar.GrpcEndpoint.ToString()).Build();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1.0/actors/counter/t/state/count", token)).StatusCode);
        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("statestore", "k", cancellationToken: token));
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("/v1.0/healthz", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("/v1.0/healthz/outbound", token)).StatusCode);

        http.DefaultRequestHeaders.Add("dapr-api-token", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1.0/actors/counter/t/state/count", token)).StatusCode);
    }
}
