using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded runtime: actors, SQLite (or in-memory) state and reminders, in-process pub/sub.</summary>
public static class EmbeddedRuntimeServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IActorRuntime"/>, <see cref="IReminderService"/>, <see cref="IStateStore"/>,
    /// <see cref="IActorStateStore"/>, <see cref="IPubSub"/> and <see cref="TimeProvider"/>; calling it twice is harmless.</summary>
    /// <remarks>Actor types come from <see cref="ActorTypeServiceCollectionExtensions.AddActorType(IServiceCollection, ActorTypeRegistration)"/>.
    /// Call <see cref="StartEmbeddedRuntimeAsync"/> (or <see cref="EmbeddedActorRuntime.StartAsync"/>) once the
    /// provider is built, so reminders persisted before a restart fire without waiting for the first actor call.</remarks>
    public static IServiceCollection AddEmbeddedRuntime(this IServiceCollection services, Action<EmbeddedRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EmbeddedRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddedRuntimeOptions>, EmbeddedRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new SqliteDatabase(Options(sp).DatabasePath, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IActorStateStore>(sp => Options(sp).UseInMemoryStorage
            ? new InMemoryActorStateStore()
            : new SqliteActorStateStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<IStateStore>(sp => Options(sp).UseInMemoryStorage
            ? new InMemoryStateStore(Options(sp).StateStoreName, sp.GetRequiredService<TimeProvider>())
            : new SqliteStateStore(sp.GetRequiredService<SqliteDatabase>(), Options(sp).StateStoreName, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IReminderStore>(sp => Options(sp).UseInMemoryStorage
            ? new InMemoryReminderStore()
            : new SqliteReminderStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton(sp => new EmbeddedReminderService(
            sp.GetRequiredService<IReminderStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IReminderService>(sp => sp.GetRequiredService<EmbeddedReminderService>());
        services.TryAddSingleton(sp => new EmbeddedActorRuntime(
            sp.GetServices<ActorTypeRegistration>(),
            sp.GetRequiredService<IActorStateStore>(),
            sp.GetRequiredService<EmbeddedReminderService>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp,
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IActorRuntime>(sp => sp.GetRequiredService<EmbeddedActorRuntime>());
        services.TryAddSingleton(sp => new InMemoryPubSub(Options(sp).PubSub, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IPubSub>(sp => sp.GetRequiredService<InMemoryPubSub>());
        return services;
    }

    /// <summary>Starts the embedded runtime registered in <paramref name="services"/>: loads persisted reminders and begins firing them.</summary>
    public static Task StartEmbeddedRuntimeAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<EmbeddedActorRuntime>().StartAsync(cancellationToken);
    }

    private static EmbeddedRuntimeOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<EmbeddedRuntimeOptions>>().Value;
}
