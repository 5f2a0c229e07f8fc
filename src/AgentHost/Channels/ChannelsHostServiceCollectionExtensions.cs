using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers channels and inboxes with their options bound from configuration.</summary>
public static class ChannelsHostServiceCollectionExtensions
{
    /// <summary>Adds channels and inboxes, binding <c>Channels</c> and <c>Inbox</c> from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddChannelsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddChannels();
        services.AddOptions<ChannelOptions>().Bind(configuration.GetSection(ChannelOptions.SectionName));
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName));
        return services;
    }
}
