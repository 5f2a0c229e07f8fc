using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Collects the status changes published on <see cref="AgentStatusChanged.Topic"/>.</summary>
internal static class StatusChanges
{
    public static Task<PublishedEvents<AgentStatusChanged>> SubscribeAsync(IPubSub pubSub) =>
        PublishedEvents<AgentStatusChanged>.SubscribeAsync(pubSub, AgentStatusChanged.Topic, AgentStatusChanged.EventType);
}
