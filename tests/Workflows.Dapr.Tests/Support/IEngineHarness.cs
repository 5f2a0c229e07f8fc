using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>One workflow engine running with <see cref="ConformanceAgents"/>, as the conformance suite drives it.</summary>
public interface IEngineHarness : IAsyncDisposable
{
    IWorkflowClient Workflows { get; }

    ConformanceAgents Agents { get; }

    /// <summary>Stops the engine as a crash would (running agent tasks are cancelled, unreported) and starts it again over
    /// the same state with <paramref name="agents"/>; running instances resume by replay.</summary>
    Task RestartAsync(ConformanceAgents agents);
}
