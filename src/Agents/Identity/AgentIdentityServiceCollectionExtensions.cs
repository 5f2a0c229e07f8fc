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
        services.AddActorType(AgentIdentityActor.TypeName, host => new AgentIdentityActor(host), TimeSpan.FromMinutes(10));
        services.AddActorType(AgentDirectoryActor.TypeName, host => new AgentDirectoryActor(host));
        return services;
    }
}
