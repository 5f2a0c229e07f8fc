using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers capability matching.</summary>
public static class AgentRegistryServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentRegistry"/> and the process's <see cref="AgentRegistryIndex"/>, together with agent identity
    /// and liveness (which hold the registry data); calling it twice is harmless.</summary>
    /// <remarks>Needs an actor runtime hosting the registered actor types and an <c>IPubSub</c>.</remarks>
    public static IServiceCollection AddAgentRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAgentIdentity();
        services.AddAgentLiveness();
        services.TryAddSingleton<AgentRegistryIndex>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentRegistryObserver, AgentRegistryIndex>(provider => provider.GetRequiredService<AgentRegistryIndex>()));
        services.TryAddSingleton<IAgentRegistry>(provider => new AgentRegistry(
            provider.GetRequiredService<AgentRegistryIndex>(),
            provider.GetRequiredService<IPubSub>(),
            provider.GetRequiredService<IAgentIdentityStore>(),
            provider.GetRequiredService<IAgentPresence>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(AgentRegistry)) ?? NullLogger.Instance,
            [.. provider.GetServices<AgentTypeRegistration>().Select(t => t.TaskAgentId).OfType<string>()]));
        return services;
    }
}
