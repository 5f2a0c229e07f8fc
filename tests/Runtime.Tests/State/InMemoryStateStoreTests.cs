using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.State;

namespace AgentPlatform.Runtime.Tests.State;

public sealed class InMemoryStateStoreTests : StateStoreContractTests
{
    protected override IStateStore CreateStore(TimeProvider time) => new InMemoryStateStore("statestore", time);
}
