using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Tests.Support;
using AgentPlatform.Runtime.Tests.Actors;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Contracts;

/// <summary>The calls-in-flight contract on Dapr.Actors and the daprd double: calls served by the app plus calls it made.</summary>
public sealed class DaprActorCallsInFlightContractTests : ActorCallsInFlightContractTests
{
    protected override Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types) =>
        DaprRuntimeUnderTest.StartAsync(dataDirectory, types);
}
