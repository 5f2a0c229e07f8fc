using AgentPlatform.Workflows.Dapr.Tests.Support;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

/// <summary>The conformance suite on the Dapr engine: the unmodified Dapr.Workflow worker and client against the daprd
/// double's workflow backend.</summary>
public sealed class DaprEngineConformanceTests : EngineConformanceTests
{
    protected override async Task<IEngineHarness> StartEngineAsync(ConformanceAgents agents) => await DaprEngineHarness.StartAsync(agents);
}
