using AgentPlatform.Agents.Rights;
using AgentPlatform.Runtime.Actors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the scoped workflow rights of agents.</summary>
public static class AgentRightsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentRights"/> and its actor type; calling it twice is harmless.</summary>
    /// <remarks>Needs an actor runtime hosting the <see cref="ActorTypeRegistration"/>s registered as services.</remarks>
    public static IServiceCollection AddAgentRights(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IAgentRights)))
        {
            return services;
        }

        services.AddSingleton(new ActorTypeRegistration(AgentRightsActor.TypeName, host => new AgentRightsActor(host)) { IdleTimeout = TimeSpan.FromMinutes(10) });
        services.AddSingleton<IAgentRights>(provider => new ActorAgentRights(provider.GetRequiredService<IActorRuntime>()));
        return services;
    }
}
