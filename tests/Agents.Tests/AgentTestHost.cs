using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests;

/// <summary>An embedded runtime built through DI for one test: in-memory storage unless a data directory is given.</summary>
internal sealed class AgentTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AgentTestHost(ServiceProvider provider) => _provider = provider;

    public IAgentRuntime Agents => _provider.GetRequiredService<IAgentRuntime>();

    public IAgentPresence Presence => _provider.GetRequiredService<IAgentPresence>();

    public IActorRuntime Actors => _provider.GetRequiredService<IActorRuntime>();

    public IReminderService Reminders => _provider.GetRequiredService<IReminderService>();

    public IPubSub PubSub => _provider.GetRequiredService<IPubSub>();

    /// <summary>The pub/sub as seen by the agent runtime, recording when each event's delivery finished.</summary>
    public RecordingPubSub Deliveries => _provider.GetRequiredService<RecordingPubSub>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<AgentTestHost> StartAsync(
        Action<IServiceCollection> configure, TimeProvider? time = null, string? dataDirectory = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton(sp => new RecordingPubSub(sp.GetRequiredService<InMemoryPubSub>()));
        services.AddSingleton<IPubSub>(sp => sp.GetRequiredService<RecordingPubSub>());
        services.AddEmbeddedRuntime(options =>
        {
            options.UseInMemoryStorage = dataDirectory is null;
            options.DataDirectory = dataDirectory ?? options.DataDirectory;
            options.PubSub.InitialRetryDelay = TimeSpan.FromMilliseconds(10);
            options.PubSub.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
        });
        configure(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.StartEmbeddedRuntimeAsync(TestTimeoutToken());
        return new AgentTestHost(provider);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static CancellationToken TestTimeoutToken() => TestTimeout.After(30);
}
