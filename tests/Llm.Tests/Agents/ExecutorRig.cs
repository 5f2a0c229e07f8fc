using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Agents;

/// <summary>The LLM services as <c>AddLlmAgents</c> registers them, with agent <c>writer</c> calling the test LLM server.</summary>
internal sealed class ExecutorRig : IAsyncDisposable
{
    public const string ApiKey = "sk-test-4f1c9e2a7b";
    public const string Model = "test-model";

    private readonly ServiceProvider _services;

    private ExecutorRig(TestLlmServer server, ServiceProvider services, RecordingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
    }

    public TestLlmServer Server { get; }

    public RecordingLoggerProvider Logs { get; }

    public LlmTaskExecutor Executor => _services.GetRequiredService<LlmTaskExecutor>();

    public LlmAgentCatalog Catalog => _services.GetRequiredService<LlmAgentCatalog>();

    public LlmBudgetLedger Ledger => _services.GetRequiredService<LlmBudgetLedger>();

    public IServiceProvider Services => _services;

    public static async Task<ExecutorRig> StartAsync(ITestOutputHelper output, Action<LlmOptions, LlmAgentOptions>? configure = null, TestLlmScript? script = null)
    {
        var server = await TestLlmServer.StartAsync(script);
        var logs = new RecordingLoggerProvider(output);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddLlmAgents(options =>
        {
            var agent = new LlmAgentOptions { Endpoint = server.BaseUrl.ToString(), Model = Model, ApiKey = ApiKey, MaxOutputTokens = 50 };
            options.Agents["writer"] = agent;
            options.Governor.BackoffBase = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(options, agent);
        });
        return new ExecutorRig(server, services.BuildServiceProvider(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
