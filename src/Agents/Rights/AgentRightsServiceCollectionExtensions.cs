using AgentPlatform.Agents.Rights;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the scoped workflow rights of agents.</summary>
public static class AgentRightsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentRights"/> and its actor type; calling it twice is harmless.</summary>
    /// <remarks>Needs an actor runtime hosting the <see cref="ActorTypeRegistration"/>s registered as services.</remarks>
    public static IServiceCollection AddAgentRights(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddActorType(AgentRightsActor.TypeName, static host => new AgentRightsActor(host), idleTimeout: TimeSpan.FromMinutes(10));
        services.TryAddSingleton<IAgentRights>(provider => new ActorAgentRights(provider.GetRequiredService<IActorRuntime>()));
        return services;
    }
}
