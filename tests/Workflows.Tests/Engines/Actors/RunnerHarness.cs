using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>The workflow runner on the embedded runtime over a temp SQLite directory and a manual clock; it can be
/// disposed and re-created over the same files, as a process restart does.</summary>
public sealed class RunnerHarness : IAsyncDisposable
{
    private ServiceProvider? _provider;

    private RunnerHarness(string directory, ManualTimeProvider time)
    {
        Directory = directory;
        Time = time;
    }

    public string Directory { get; }

    public ManualTimeProvider Time { get; }

    public TestAgents Agents { get; private set; } = new();

    public RecordingResultSink Results { get; private set; } = null!;

    public WorkflowService Workflows => _provider!.GetRequiredService<WorkflowService>();

    public IActorRuntime Runtime => _provider!.GetRequiredService<IActorRuntime>();

    public IActorStateStore StateStore => _provider!.GetRequiredService<IActorStateStore>();

    /// <summary>The store under the runtime, which can be told to refuse a commit.</summary>
    public FaultyActorStateStore FaultyStore => _provider!.GetRequiredService<FaultyActorStateStore>();

    public IReminderService Reminders => _provider!.GetRequiredService<IReminderService>();

    /// <summary>The waits on instance finishes this process holds.</summary>
    internal WorkflowCompletionSignals Signals => _provider!.GetRequiredService<WorkflowCompletionSignals>();

    public static async Task<RunnerHarness> StartAsync(Action<TestAgents>? configureAgents = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var harness = new RunnerHarness(directory, new ManualTimeProvider());
        await harness.BootAsync(configureAgents);
        return harness;
    }

    /// <summary>Disposes the runtime (running agent tasks are cancelled, unreported) and starts a new one over the same
    /// files with fresh agents, then resumes unfinished instances.</summary>
    public async Task<int> RestartAsync(Action<TestAgents>? configureAgents = null, Func<Task>? beforeResume = null)
    {
        await _provider!.DisposeAsync();
        _provider = null;
        await BootAsync(configureAgents);
        if (beforeResume is not null)
        {
            await beforeResume();
        }

        return await Workflows.ResumeAllAsync(TestTimeout.After(30));
    }

    public async Task<WorkflowDefinition> RegisterAsync(string yaml)
    {
        var definition = WorkflowDefinitionLoader.FromYaml(yaml);
        await Workflows.RegisterDefinitionAsync(definition, TestTimeout.After());
        return definition;
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not hide the test's own outcome.
        }
    }

    private async Task BootAsync(Action<TestAgents>? configureAgents)
    {
        Agents = new TestAgents();
        configureAgents?.Invoke(Agents);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(sp =>
        {
            var agents = new InProcessTaskAgents();
            Agents.RegisterInto(agents);
            return agents;
        });
        services.AddSingleton(sp => Results = new RecordingResultSink(sp.GetRequiredService<ActorTaskResultSink>()));
        services.AddSingleton<IWorkflowTaskResultSink>(sp => sp.GetRequiredService<RecordingResultSink>());
        services.AddSingleton(sp => new FaultyActorStateStore(new SqliteActorStateStore(sp.GetRequiredService<SqliteDatabase>())));
        services.AddSingleton<IActorStateStore>(sp => sp.GetRequiredService<FaultyActorStateStore>());
        services.AddEmbeddedRuntime(o =>
        {
            o.DataDirectory = Directory;
            o.IdleScanInterval = TimeSpan.FromHours(1);
        });
        services.AddWorkflowRunner(o => o.IndexShards = 4);
        _provider = services.BuildServiceProvider();
        _ = _provider.GetRequiredService<RecordingResultSink>();
        await _provider.StartEmbeddedRuntimeAsync(TestTimeout.After());
    }
}
