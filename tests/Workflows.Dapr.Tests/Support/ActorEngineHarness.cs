using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>The actor engine on the embedded runtime over a temp SQLite directory, on the real clock.</summary>
public sealed class ActorEngineHarness : IEngineHarness
{
    private readonly TempDirectory _directory;
    private ServiceProvider _provider;

    private ActorEngineHarness(ServiceProvider provider, TempDirectory directory, ConformanceAgents agents)
    {
        _provider = provider;
        _directory = directory;
        Agents = agents;
    }

    public IWorkflowClient Workflows => _provider.GetRequiredService<IWorkflowClient>();

    public ConformanceAgents Agents { get; private set; }

    public static async Task<ActorEngineHarness> StartAsync(ConformanceAgents agents)
    {
        var directory = new TempDirectory();
        return new ActorEngineHarness(await StartProviderAsync(directory, agents), directory, agents);
    }

    public async Task RestartAsync(ConformanceAgents agents)
    {
        await _provider.DisposeAsync();
        Agents = agents;
        _provider = await StartProviderAsync(_directory, agents);
        await _provider.GetRequiredService<WorkflowService>().ResumeAllAsync(TestKit.TestTimeout.After());
    }

    private static async Task<ServiceProvider> StartProviderAsync(TempDirectory directory, ConformanceAgents agents)
    {
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
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _directory.Dispose();
    }
}
