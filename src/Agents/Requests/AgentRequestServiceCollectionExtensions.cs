using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers request/reply between agents.</summary>
public static class AgentRequestServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AgentRequestService"/>, <see cref="RequestRecipients"/> and the actor type <c>agent-request</c>; calling it
    /// twice is harmless.</summary>
    /// <remarks>Needs inboxes (<c>AddChannels</c>), an actor runtime and an <see cref="IPubSub"/>.</remarks>
    public static IServiceCollection AddAgentRequests(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AgentRequestService(
            sp.GetRequiredService<IActorRuntime>(), sp.GetRequiredService<InboxService>(), sp.GetRequiredService<IPubSub>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RequestRecipients(sp.GetServices<IRequestRecipientKind>(), sp.GetService<IAgentIdentityStore>()));
        services.AddActorType(AgentRequestActor.TypeName, CreateActor);
        return services;
    }

    private static AgentRequestActor CreateActor(ActorHost host) => new(host);
}
