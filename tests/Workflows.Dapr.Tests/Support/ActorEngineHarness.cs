using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>The actor engine on the embedded runtime over a temp SQLite directory, on the real clock.</summary>
public sealed class ActorEngineHarness : IEngineHarness
{
    private readonly ServiceProvider _provider;
    private readonly TempDirectory _directory;

    private ActorEngineHarness(ServiceProvider provider, TempDirectory directory, ConformanceAgents agents)
    {
        _provider = provider;
        _directory = directory;
        Agents = agents;
    }

    public IWorkflowClient Workflows => _provider.GetRequiredService<IWorkflowClient>();

    public ConformanceAgents Agents { get; }

    public static async Task<ActorEngineHarness> StartAsync(ConformanceAgents agents)
    {
        var directory = new TempDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_ =>
        {
            var registered = new InProcessTaskAgents();
            agents.RegisterInto(registered);
            return registered;
        });
        services.AddEmbeddedRuntime(o =>
        {
            o.DataDirectory = directory.Path;
            o.IdleScanInterval = TimeSpan.FromHours(1);
        });
        services.AddWorkflowRunner();
        var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync(TestKit.TestTimeout.After());
        return new ActorEngineHarness(provider, directory, agents);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _directory.Dispose();
    }
}
