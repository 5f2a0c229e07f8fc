using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers agent liveness.</summary>
public static class AgentLivenessServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentPresence"/> and the <c>agent-presence</c> actor type hosting one presence actor per agent.</summary>
    /// <remarks>Needs an actor runtime hosting the <see cref="ActorTypeRegistration"/>s registered as services, durable reminders,
    /// and an <c>IPubSub</c> for the status changes published on <see cref="AgentStatusChanged.Topic"/>. Options are validated on
    /// start. Agents of in-process agent types registered with <c>AddAgents</c> always count as alive. Calling it twice is harmless
    /// (the second call only adds <paramref name="configure"/>).</remarks>
    public static IServiceCollection AddAgentLiveness(this IServiceCollection services, Action<AgentLivenessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentLivenessOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentLivenessOptions>, AgentLivenessOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(IAgentPresence)))
        {
            return services;
        }

        services.AddSingleton<AgentPresenceContext>();
        services.AddSingleton(provider => new ActorTypeRegistration(
            AgentPresenceActor.ActorType,
            host => new AgentPresenceActor(host, provider.GetRequiredService<AgentPresenceContext>())));
        services.AddSingleton<IAgentPresence, AgentPresenceService>();
        return services;
    }
}
