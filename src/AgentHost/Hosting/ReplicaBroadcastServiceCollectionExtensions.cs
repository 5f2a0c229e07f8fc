using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the broadcasts that keep several host replicas in step (Dapr mode).</summary>
public static class ReplicaBroadcastServiceCollectionExtensions
{
    /// <summary>Makes inbox wake-ups and identity changes reach every replica through the registered <c>IPubSub</c>'s broadcast
    /// topics, and applies the other replicas' ones here.</summary>
    public static IServiceCollection AddReplicaBroadcasts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ReplicaBroadcasts>();
        services.TryAddSingleton<IInboxSignalRelay>(sp => sp.GetRequiredService<ReplicaBroadcasts>());
        services.TryAddSingleton<IAgentIdentityChanges>(sp => sp.GetRequiredService<ReplicaBroadcasts>());
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaBroadcasts>());
        return services;
    }
}
