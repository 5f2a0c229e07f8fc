using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Runtime.Tests.State;

public sealed class InMemoryActorStateStoreTests : ActorStateStoreContractTests
{
    protected override IActorStateStore CreateStore() => new InMemoryActorStateStore();
}
