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
    /// <remarks>Registering an equal registration again changes nothing, so a feature's <c>Add*</c> method may be called
    /// twice; a different registration under a name already taken is a mistake and throws.</remarks>
    /// <exception cref="InvalidOperationException">Another registration (factory or idle timeout) already uses the name.</exception>
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
                return existing == registration
                    ? services
                    : throw new InvalidOperationException($"Actor type '{registration.Type}' is already registered with another factory or idle timeout.");
            }
        }

        services.AddSingleton(registration);
        return services;
    }
}
