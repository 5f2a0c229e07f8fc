using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers agent liveness.</summary>
public static class AgentLivenessServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentPresence"/>, <see cref="IAgentWorkload"/> and the <see cref="AgentLiveness.ActorType"/> actor type hosting one presence
    /// actor per agent; see <see cref="AgentLiveness"/> for the behaviour.</summary>
    /// <remarks>Needs an actor runtime hosting the <see cref="ActorTypeRegistration"/>s registered as services, durable reminders,
    /// and an <see cref="IPubSub"/>. Options are validated on start. Agent types registered with <c>AddAgents</c> are in-process
    /// and always alive. Calling it twice is harmless (a second call only adds <paramref name="configure"/>).</remarks>
    public static IServiceCollection AddAgentLiveness(this IServiceCollection services, Action<AgentLivenessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentLivenessOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentLivenessOptions>, AgentLivenessOptionsValidator>());
        services.TryAddSingleton(provider => new AgentPresenceContext(
            provider.GetRequiredService<IOptions<AgentLivenessOptions>>().Value,
            provider.GetRequiredService<IPubSub>(),
            provider.GetServices<AgentTypeRegistration>().Select(t => t.Type),
            provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(AgentLiveness)) ?? NullLogger.Instance,
            provider.GetServices<AgentTypeRegistration>().Where(t => t.TaskAgentId is not null).ToDictionary(t => t.TaskAgentId!, t => t.TaskCapabilities, StringComparer.Ordinal)));
        services.AddActorType(
            AgentLiveness.ActorType, static host => new AgentPresenceActor(host, host.Services.GetRequiredService<AgentPresenceContext>()));
        services.TryAddSingleton(provider => new AgentPresenceService(
            provider.GetRequiredService<IActorRuntime>(),
            provider.GetRequiredService<IOptions<AgentLivenessOptions>>().Value,
            provider.GetServices<IAgentRegistryObserver>()));
        services.TryAddSingleton<IAgentPresence>(provider => provider.GetRequiredService<AgentPresenceService>());
        services.TryAddSingleton<IAgentWorkload>(provider => provider.GetRequiredService<AgentPresenceService>());
        return services;
    }
}
