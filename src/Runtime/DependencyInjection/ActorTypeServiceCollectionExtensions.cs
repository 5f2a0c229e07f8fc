using AgentPlatform.Runtime.Actors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the actor types a runtime hosts: the one way every feature adds its actors.</summary>
public static class ActorTypeServiceCollectionExtensions
{
    /// <summary>Hosts actors of <paramref name="actorType"/> created by <paramref name="factory"/>; see
    /// <see cref="AddActorType(IServiceCollection, ActorTypeRegistration)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="actorType">The actor type name.</param>
    /// <param name="factory">Creates the actor object of an activation; it resolves services through <see cref="ActorHost.Services"/>.</param>
    /// <param name="idleTimeout">How long an actor of this type may stay idle; the runtime default when null.</param>
    public static IServiceCollection AddActorType(
        this IServiceCollection services, string actorType, Func<ActorHost, Actor> factory, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ActorNames.ThrowIfInvalid(actorType, nameof(actorType));
        return services.AddActorType(new ActorTypeRegistration(actorType, factory) { IdleTimeout = idleTimeout });
    }

    /// <summary>Hosts the actor type described by <paramref name="registration"/> on whichever runtime is registered.</summary>
    /// <remarks>Like <c>TryAdd*</c>: when a type of the same name is already registered, nothing changes, so a feature's
    /// <c>Add*</c> method may be called twice.</remarks>
    public static IServiceCollection AddActorType(this IServiceCollection services, ActorTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registration);
        ActorNames.ThrowIfInvalid(registration.Type, nameof(registration));
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ActorTypeRegistration)
                && descriptor.ImplementationInstance is ActorTypeRegistration existing
                && existing.Type == registration.Type)
            {
                return services;
            }
        }

        services.AddSingleton(registration);
        return services;
    }
}
