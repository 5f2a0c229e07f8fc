using AgentPlatform.Bench.Telemetry;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Bench.Workflows;

/// <summary>The runner on the embedded runtime over a fresh SQLite directory (or in-memory storage), as the host composes it.</summary>
internal sealed class RunnerBenchHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _directory;
    private readonly IDisposable? _telemetry;

    private RunnerBenchHost(ServiceProvider provider, string directory, IDisposable? telemetry)
    {
        _provider = provider;
        _directory = directory;
        _telemetry = telemetry;
    }

    public WorkflowService Workflows => _provider.GetRequiredService<WorkflowService>();

    public IActorRuntime Runtime => _provider.GetRequiredService<IActorRuntime>();

    public static async Task<RunnerBenchHost> StartAsync(Action<InProcessTaskAgents> registerAgents, bool inMemory)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_ =>
        {
            var agents = new InProcessTaskAgents();
            registerAgents(agents);
            return agents;
        });
        services.AddEmbeddedRuntime(o =>
        {
            o.DataDirectory = directory;
            o.UseInMemoryStorage = inMemory;
        });
        services.AddWorkflowRunner();
        services.AddActorType(RunnerCeilingActor.Type, host => new RunnerCeilingActor(host));
        var telemetry = BenchTelemetry.StartInProcess();
        var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync();
        return new RunnerBenchHost(provider, directory, telemetry);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _telemetry?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
