namespace AgentPlatform.Runtime.Actors;

/// <summary>An actor runtime that accepts new actor types while it runs.</summary>
/// <remarks>Optional: a runtime whose actor types are fixed when it starts (Dapr reads them once from the app's configuration
/// endpoint) does not implement it.</remarks>
public interface IActorTypeCatalog
{
    /// <summary>Hosts actors of <paramref name="registration"/>'s type from now on.</summary>
    /// <exception cref="ArgumentException">The type name is not valid or is already registered.</exception>
    void AddActorType(ActorTypeRegistration registration);
}
