using AgentPlatform.Agents.Teams;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers team declarations.</summary>
public static class TeamServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ITeamStore"/> and its actor type; calling it twice is harmless.</summary>
    /// <remarks>Needs an actor runtime hosting the <see cref="ActorTypeRegistration"/>s registered as services.</remarks>
    public static IServiceCollection AddAgentTeams(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddActorType(TeamCatalogActor.TypeName, static host => new TeamCatalogActor(host), idleTimeout: TimeSpan.FromMinutes(10));
        services.TryAddSingleton<ITeamStore>(provider => new ActorTeamStore(provider.GetRequiredService<IActorRuntime>()));
        return services;
    }
}
