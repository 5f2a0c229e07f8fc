using AgentPlatform.Agents.Identity;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the agent registry (profiles, names, API keys) on the actor runtime.</summary>
public static class AgentIdentityServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentIdentityStore"/> and its actor types; calling it twice is harmless.</summary>
    /// <remarks>An actor runtime (<see cref="IActorRuntime"/>) that hosts <see cref="ActorTypeRegistration"/>s from the
    /// container must be registered too.</remarks>
    public static IServiceCollection AddAgentIdentity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentIdentityStore, ActorAgentIdentityStore>();
        AddActorTypeOnce(services, new ActorTypeRegistration(AgentIdentityActor.TypeName, host => new AgentIdentityActor(host)) { IdleTimeout = TimeSpan.FromMinutes(10) });
        AddActorTypeOnce(services, new ActorTypeRegistration(AgentDirectoryActor.TypeName, host => new AgentDirectoryActor(host)));
        return services;
    }

    private static void AddActorTypeOnce(IServiceCollection services, ActorTypeRegistration registration)
    {
        if (!services.Any(d => d.ServiceType == typeof(ActorTypeRegistration) && d.ImplementationInstance is ActorTypeRegistration r && r.Type == registration.Type))
        {
            services.AddSingleton(registration);
        }
    }
}
