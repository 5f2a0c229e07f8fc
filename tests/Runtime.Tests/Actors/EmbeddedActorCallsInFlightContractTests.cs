using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class EmbeddedActorCallsInFlightContractTests : ActorCallsInFlightContractTests
{
    protected override Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types) =>
        EmbeddedRuntimeUnderTest.StartAsync(dataDirectory, types);
}
