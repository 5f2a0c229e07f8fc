using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Tests.Reminders;

public sealed class EmbeddedReminderServiceContractTests : ReminderServiceContractTests
{
    protected override Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types) =>
        EmbeddedRuntimeUnderTest.StartAsync(dataDirectory, types);
}
