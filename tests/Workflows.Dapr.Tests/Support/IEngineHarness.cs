using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>One workflow engine running with <see cref="ConformanceAgents"/>, as the conformance suite drives it.</summary>
public interface IEngineHarness : IAsyncDisposable
{
    IWorkflowClient Workflows { get; }

    ConformanceAgents Agents { get; }
}
