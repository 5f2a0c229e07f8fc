using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Tests.Support;
using AgentPlatform.Runtime.Tests.Actors;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Contracts;

/// <summary>The actor runtime contract on Dapr.Actors and the daprd double.</summary>
public sealed class DaprActorRuntimeContractTests : ActorRuntimeContractTests
{
    protected override Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types) =>
        DaprRuntimeUnderTest.StartAsync(dataDirectory, types);
}
