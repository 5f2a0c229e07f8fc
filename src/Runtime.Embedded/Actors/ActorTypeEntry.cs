using System.Collections.Concurrent;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A registered actor type: its registration, its resolved idle timeout and its live activations by key.</summary>
/// <remarks>Activations are indexed per type by the key string alone, which hashes faster than the whole <see cref="ActorId"/>.</remarks>
internal sealed class ActorTypeEntry(ActorTypeRegistration registration, TimeSpan idleTimeout)
{
    public ActorTypeRegistration Registration { get; } = registration;

    public TimeSpan IdleTimeout { get; } = idleTimeout;

    public ConcurrentDictionary<string, ActorActivation> Activations { get; } = new(StringComparer.Ordinal);
}
