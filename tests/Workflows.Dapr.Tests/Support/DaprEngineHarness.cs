using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>The Dapr engine: the workflow backend on a loopback port plus one app; either can be restarted over its
/// files (the backend on the same port).</summary>
public sealed class DaprEngineHarness : IEngineHarness
{
    private readonly TempDirectory _directory;

    private DaprEngineHarness(TempDirectory directory, WorkflowBackendServer server, DaprEngineApp app, ConformanceAgents agents)
    {
        _directory = directory;
        Server = server;
        App = app;
        Agents = agents;
    }

    public WorkflowBackendServer Server { get; private set; }

    public DaprEngineApp App { get; private set; }

    public IWorkflowClient Workflows => App.Workflows;

    public ConformanceAgents Agents { get; private set; }

    private string DatabasePath => Path.Combine(_directory.Path, "workflows.db");

    private string StateDirectory => Path.Combine(_directory.Path, "app");

    public static async Task<DaprEngineHarness> StartAsync(ConformanceAgents agents)
    {
        var directory = new TempDirectory();
        var server = await WorkflowBackendServer.StartAsync(Path.Combine(directory.Path, "workflows.db"));
        var app = await DaprEngineApp.StartAsync(server.Endpoint, Path.Combine(directory.Path, "app"), agents);
        return new DaprEngineHarness(directory, server, app, agents);
    }

    /// <summary>Stops the app (running agent tasks are cancelled, unreported) and starts a new one with fresh agents.</summary>
    public async Task RestartAppAsync(ConformanceAgents agents)
    {
        await App.DisposeAsync();
        Agents = agents;
        App = await DaprEngineApp.StartAsync(Server.Endpoint, StateDirectory, agents);
    }

    public Task RestartAsync(ConformanceAgents agents) => RestartAppAsync(agents);

    /// <summary>Stops the app and the backend, then starts both again over the same files.</summary>
    public async Task RestartAllAsync(ConformanceAgents agents)
    {
        await App.DisposeAsync();
        var port = Server.Port;
        await Server.DisposeAsync();
        Server = await WorkflowBackendServer.StartAsync(DatabasePath, port);
        Agents = agents;
        App = await DaprEngineApp.StartAsync(Server.Endpoint, StateDirectory, agents);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
