using AgentPlatform.Workflows.Dapr.Tests.Support;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

/// <summary>The conformance suite on the actor engine (embedded runtime).</summary>
public sealed class ActorEngineConformanceTests : EngineConformanceTests
{
    protected override async Task<IEngineHarness> StartEngineAsync(ConformanceAgents agents) => await ActorEngineHarness.StartAsync(agents);
}
