using System.Net;
using AgentPlatform.DaprSidecar.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.DaprSidecar.Tests.Support;

/// <summary>An app replica for the double to talk to: a WebApplication on 127.0.0.1 whose configuration holds the
/// environment its sidecar hands out (the Dapr SDKs read DAPR_HTTP_ENDPOINT, DAPR_API_TOKEN and friends from there), so
/// several replicas can run in one test process.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app) => _app = app;

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(
        SidecarEndpoints sidecar, Action<IServiceCollection> services, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(sidecar.Environment.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, sidecar.AppPort));
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        return new TestApp(app);
    }

    /// <summary>Stops the app: its port closes, as when the process dies.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
