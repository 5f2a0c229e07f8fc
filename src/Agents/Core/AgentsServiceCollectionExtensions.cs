using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the agent programming model.</summary>
public static class AgentsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentRuntime"/> over the registered actor runtime and pub/sub, and returns a builder for agent
    /// types and subscriptions. Calling it again returns a new builder over the same registrations.</summary>
    /// <remarks>The actor runtime must host the <see cref="ActorTypeRegistration"/>s registered as services (the embedded runtime does).
    /// Call <see cref="IAgentRuntime.StartAsync"/> at startup in a process that receives events without publishing.</remarks>
    public static AgentsBuilder AddAgents(this IServiceCollection services, Action<AgentsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new MessageSerializerRegistry(provider.GetServices<MessageTypeRegistration>()));
        services.TryAddSingleton<AgentRuntime>();
        services.TryAddSingleton<IAgentRuntime>(provider => provider.GetRequiredService<AgentRuntime>());
        var builder = new AgentsBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }
}
