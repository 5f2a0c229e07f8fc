using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr;
using AgentPlatform.Runtime.Dapr.Actors;
using AgentPlatform.Runtime.Dapr.PubSub;
using AgentPlatform.Runtime.Dapr.Reminders;
using AgentPlatform.Runtime.Dapr.State;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Reminders;
using AgentPlatform.Runtime.State;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;
using Dapr.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Dapr runtime: the platform ports on Dapr.Actors.AspNetCore, Dapr.Client and Dapr.AspNetCore.</summary>
public static class DaprRuntimeServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IActorRuntime"/>, <see cref="IReminderService"/>, <see cref="IStateStore"/> and
    /// <see cref="IPubSub"/> on the sidecar described by <paramref name="options"/>, and hosts every
    /// <see cref="ActorTypeRegistration"/> in the container with Dapr.Actors through one shim actor type each.</summary>
    /// <remarks>Map the sidecar's callbacks with <c>MapDaprRuntime</c>. <paramref name="configurePubSub"/> declares topics
    /// beyond the platform's own (Dapr reads subscriptions once at start-up).</remarks>
    public static IServiceCollection AddDaprRuntime(
        this IServiceCollection services, DaprRuntimeOptions options, Action<DaprPubSubOptions>? configurePubSub = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddOptions<DaprRuntimeOptions>().Configure(o => Copy(options, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DaprRuntimeOptions>, DaprRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var pubSub = new DaprPubSubOptions();
        configurePubSub?.Invoke(pubSub);
        services.TryAddSingleton(pubSub);

        services.AddDaprClient(builder =>
        {
            builder.UseJsonSerializationOptions(new System.Text.Json.JsonSerializerOptions(ActorJson.Options));
            builder.UseHttpEndpoint(options.HttpEndpoint).UseGrpcEndpoint(options.GrpcEndpoint);
            if (!string.IsNullOrEmpty(options.ApiToken))
            {
                builder.UseDaprApiToken(options.ApiToken);
            }
        });

        services.AddActors(null);
        services.AddOptions<ActorRuntimeOptions>().Configure<IServiceProvider>((actors, provider) => ConfigureActors(actors, options, provider));

        // One count for the calls this process serves (the shims) and the calls it makes (the runtime).
        var calls = new ActorCallCounter();
        services.TryAddSingleton(sp => new PlatformActorServices(
            sp.GetRequiredService<IActorRuntime>(),
            sp.GetRequiredService<IReminderService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("AgentPlatform.Runtime.Dapr.Actors"),
            calls));
        services.TryAddSingleton<IActorRuntime>(sp => new DaprActorRuntime(
            sp.GetRequiredService<IActorProxyFactory>(), sp.GetServices<ActorTypeRegistration>(), calls, sp.GetRequiredService<ILogger<DaprActorRuntime>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IReminderService>(_ => new DaprReminderService(options.HttpEndpoint!, options.ApiToken));
        services.TryAddSingleton<IStateStore>(sp => new DaprStateStore(sp.GetRequiredService<DaprClient>(), DaprNames.Components.StateStore));
        services.TryAddSingleton(sp => new DaprPubSub(sp.GetRequiredService<DaprClient>(), pubSub, sp.GetRequiredService<ILogger<DaprPubSub>>()));
        services.TryAddSingleton<IPubSub>(sp => sp.GetRequiredService<DaprPubSub>());
        return services;
    }

    private static void ConfigureActors(ActorRuntimeOptions actors, DaprRuntimeOptions options, IServiceProvider provider)
    {
        actors.HttpEndpoint = options.HttpEndpoint;
        actors.DaprApiToken = options.ApiToken ?? string.Empty;
        actors.JsonSerializerOptions = ActorJson.Options;
        if (options.ActorIdleTimeout is { } idle)
        {
            actors.ActorIdleTimeout = idle;
        }

        // The shim's services are resolved at the first activation: they need the runtime, which needs these options.
        var services = new Lazy<PlatformActorServices>(provider.GetRequiredService<PlatformActorServices>);
        foreach (var registration in provider.GetServices<ActorTypeRegistration>())
        {
            if (DaprNameCodec.Encode(registration.Type) != registration.Type)
            {
                throw new InvalidOperationException(
                    $"Actor type '{registration.Type}' cannot be hosted by Dapr: use letters, digits, '-', '_', ':' or '@' only.");
            }

            var typeOptions = registration.IdleTimeout is { } timeout ? new ActorRuntimeOptions { ActorIdleTimeout = timeout } : null;
            actors.Actors.RegisterActor<PlatformActorShim>(
                registration.Type, typeOptions, r => r.Activator = new PlatformActorActivator(registration, services));
        }
    }

    private static void Copy(DaprRuntimeOptions from, DaprRuntimeOptions to)
    {
        to.HttpEndpoint = from.HttpEndpoint;
        to.GrpcEndpoint = from.GrpcEndpoint;
        to.ApiToken = from.ApiToken;
        to.AppApiToken = from.AppApiToken;
        to.ActorIdleTimeout = from.ActorIdleTimeout;
        to.OperatorTokenSecret = from.OperatorTokenSecret;
    }
}
