using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A registered actor type with its idle timeout resolved against the runtime default.</summary>
internal sealed class ActorTypeEntry(ActorTypeRegistration registration, TimeSpan idleTimeout)
{
    public ActorTypeRegistration Registration { get; } = registration;

    public TimeSpan IdleTimeout { get; } = idleTimeout;
}
