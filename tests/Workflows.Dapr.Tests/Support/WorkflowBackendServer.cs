using System.Net;
using AgentPlatform.DaprSidecar.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>The daprd double's workflow backend hosted in-process on a loopback h2c port over a SQLite file; it can be
/// stopped and started again over the same file (and port), as a sidecar restart does.</summary>
public sealed class WorkflowBackendServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkflowBackendServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The h2c address workers and clients connect to (<c>DAPR_GRPC_ENDPOINT</c>).</summary>
    public string Endpoint { get; }

    public WorkflowBackend Backend => _app.Services.GetRequiredService<WorkflowBackend>();

    public static async Task<WorkflowBackendServer> StartAsync(string databasePath, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddDaprWorkflowBackend(options => options.DatabasePath = databasePath);
        var app = builder.Build();
        app.MapDaprWorkflowBackend();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WorkflowBackendServer(app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    public int Port => new Uri(Endpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
