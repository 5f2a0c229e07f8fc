using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Collects the registry entries published on <see cref="AgentRegistryEntry.Topic"/>.</summary>
internal static class RegistryEntries
{
    public static Task<PublishedEvents<AgentRegistryEntry>> SubscribeAsync(IPubSub pubSub) =>
        PublishedEvents<AgentRegistryEntry>.SubscribeAsync(pubSub, AgentRegistryEntry.Topic, AgentRegistryEntry.EventType);
}
