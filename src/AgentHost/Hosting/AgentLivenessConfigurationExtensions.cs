using AgentPlatform.Agents.Liveness;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Agent liveness configured from the host's configuration.</summary>
public static class AgentLivenessConfigurationExtensions
{
    /// <summary>Registers agent liveness with options bound from <c>Agents:Liveness</c>.</summary>
    public static IServiceCollection AddAgentLiveness(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAgentLiveness();
        services.AddOptions<AgentLivenessOptions>().Bind(configuration.GetSection(AgentLivenessOptions.SectionName));
        return services;
    }
}
