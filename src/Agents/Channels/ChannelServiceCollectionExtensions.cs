using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers channels and inboxes.</summary>
public static class ChannelServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ChannelService"/>, <see cref="InboxService"/>, their options, metrics and actor types
    /// (<c>channel</c>, <c>channel-directory</c>, <c>inbox</c>). Calling it twice registers nothing twice.</summary>
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

        if (services.Any(d => d.ServiceType == typeof(ChannelService)))
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboxOptions>, InboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InboxSignals>();
        services.TryAddSingleton<ChannelMetrics>();
        services.TryAddSingleton<ChannelPostBatcher>();
        services.TryAddSingleton(sp => new ChannelService(
            sp.GetRequiredService<IActorRuntime>(),
            sp.GetRequiredService<ChannelPostBatcher>(),
            sp.GetRequiredService<IOptions<ChannelOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChannelService>>()));
        services.TryAddSingleton<InboxService>();
        foreach (var registration in ChannelActorTypes.Create())
        {
            services.AddSingleton(registration);
        }

        return services;
    }
}
