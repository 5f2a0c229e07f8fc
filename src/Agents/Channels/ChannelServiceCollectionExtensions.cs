using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers channels and inboxes.</summary>
public static class ChannelServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ChannelService"/>, <see cref="InboxService"/>, their options (validated on start), metrics and
    /// the actor types <c>channel</c>, <c>channel-directory</c> and <c>inbox</c>. Calling it twice registers nothing twice.</summary>
    /// <remarks>Needs an <see cref="IActorRuntime"/> that hosts the registered <see cref="ActorTypeRegistration"/>s.</remarks>
    public static IServiceCollection AddChannels(
        this IServiceCollection services, Action<ChannelOptions>? configureChannels = null, Action<InboxOptions>? configureInbox = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var channels = services.AddOptions<ChannelOptions>().ValidateOnStart();
        if (configureChannels is not null)
        {
            channels.Configure(configureChannels);
        }

        var inbox = services.AddOptions<InboxOptions>().ValidateOnStart();
        if (configureInbox is not null)
        {
            inbox.Configure(configureInbox);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboxOptions>, InboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InboxSignals>();
        services.TryAddSingleton<ChannelMetrics>();
        services.TryAddSingleton(sp => ChannelSystem.Create(
            sp.GetRequiredService<IOptions<ChannelOptions>>().Value,
            sp.GetRequiredService<IOptions<InboxOptions>>().Value,
            sp.GetRequiredService<InboxSignals>(),
            sp.GetRequiredService<ChannelMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IPubSub>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<ChannelSystem>().CreateChannelService(sp.GetRequiredService<IActorRuntime>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<ChannelSystem>().CreateInboxService(sp.GetRequiredService<IActorRuntime>()));

        // The factories resolve the shared system at activation time: the runtime reads registrations before it exists.
        foreach (var type in ChannelSystem.TypeNames)
        {
            services.AddActorType(type, static host => host.Services.GetRequiredService<ChannelSystem>().Activate(host));
        }

        return services;
    }
}
