using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Dapr.Tests.Support;

/// <summary>Starts the Dapr runtime for the runtime contract suites: one app replica on the daprd double over a data
/// directory, beside the embedded runtime's <c>EmbeddedRuntimeUnderTest</c>.</summary>
public static class DaprRuntimeUnderTest
{
    public static async Task<RuntimeUnderTest> StartAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types)
    {
        var replicas = await DaprAppReplicas.StartAsync(dataDirectory, types);
        var services = replicas.Services();
        return new RuntimeUnderTest(
            services.GetRequiredService<IActorRuntime>(), services.GetRequiredService<IReminderService>(), replicas.DisposeAsync);
    }
}
