using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Tests.Support;
using AgentPlatform.Runtime.Tests.Reminders;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Contracts;

/// <summary>The reminder contract on Dapr's reminder API and the daprd double.</summary>
public sealed class DaprReminderServiceContractTests : ReminderServiceContractTests
{
    protected override Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types) =>
        DaprRuntimeUnderTest.StartAsync(dataDirectory, types);
}
