using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>A platform app on the Dapr engine: the unmodified Dapr.Workflow worker and client against the backend,
/// the embedded state store for definitions and the index, and <see cref="ConformanceAgents"/>.</summary>
public sealed class DaprEngineApp : IAsyncDisposable
{
    private readonly IHost _host;

    private DaprEngineApp(IHost host) => _host = host;

    public IWorkflowClient Workflows => _host.Services.GetRequiredService<IWorkflowClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<DaprEngineApp> StartAsync(string endpoint, string stateDirectory, ConformanceAgents agents, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = endpoint;
        builder.Logging.ClearProviders();
        builder.Services.AddEmbeddedRuntime(o =>
        {
            o.DataDirectory = stateDirectory;
            o.IdleScanInterval = TimeSpan.FromHours(1);
        });
        builder.Services.AddSingleton(_ =>
        {
            var registered = new InProcessTaskAgents();
            agents.RegisterInto(registered);
            return registered;
        });
        configure?.Invoke(builder.Services);
        builder.Services.AddDaprWorkflowEngine();
        var host = builder.Build();
        await host.StartAsync(TestKit.TestTimeout.After());
        return new DaprEngineApp(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
