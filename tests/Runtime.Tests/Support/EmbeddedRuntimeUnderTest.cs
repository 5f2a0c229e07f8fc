using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>Starts the embedded runtime the way the host composes it: <c>AddEmbeddedRuntime</c> over a SQLite file in a
/// data directory, actor types through <c>AddActorType</c>.</summary>
public static class EmbeddedRuntimeUnderTest
{
    public static async Task<RuntimeUnderTest> StartAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types)
    {
        var services = new ServiceCollection();
        services.AddEmbeddedRuntime(options => options.DataDirectory = dataDirectory);
        foreach (var type in types)
        {
            services.AddActorType(type);
        }

        var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync();
        return new RuntimeUnderTest(
            provider.GetRequiredService<IActorRuntime>(), provider.GetRequiredService<IReminderService>(), provider.DisposeAsync);
    }
}
