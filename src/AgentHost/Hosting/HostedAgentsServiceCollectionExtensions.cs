using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Agents.Core;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>C# agents from assemblies named in configuration, hosted by the shipped host.</summary>
public static class HostedAgentsServiceCollectionExtensions
{
    /// <summary>Loads the assemblies of <see cref="HostedAgentsOptions"/>, registers their agent types and message wire names with
    /// <c>AddAgents</c>, and starts the agent runtime with the host so the agents receive published messages.</summary>
    /// <exception cref="OptionsValidationException">An assembly or class is missing, or a class is not a valid agent; one failure
    /// per problem, which the host prints as one line each.</exception>
    public static IServiceCollection AddHostedAgents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(HostedAgentsOptions.SectionName).Get<HostedAgentsOptions>() ?? new HostedAgentsOptions();
        if (options.Assemblies.Count == 0 && options.Types.Count == 0 && options.MessageTypes.Count == 0)
        {
            return services;
        }

        var loader = new AgentAssemblyLoader();
        loader.Load(options.Assemblies);
        var registrations = new List<AgentTypeRegistration>();
        foreach (var (type, className) in options.Types)
        {
            if (loader.Find($"Agents:Types:{type}", className) is not { } agentClass)
            {
                continue;
            }

            try
            {
                registrations.Add(AgentTypeRegistration.Create(type, agentClass));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                loader.Problems.Add($"Agents:Types:{type}: {e.Message}");
            }
        }

        var messageTypes = new List<MessageTypeRegistration>();
        foreach (var (wireName, className) in options.MessageTypes)
        {
            if (loader.Find($"Agents:MessageTypes:{wireName}", className) is { } messageClass)
            {
                messageTypes.Add(new MessageTypeRegistration(messageClass, wireName));
            }
        }

        if (loader.Problems.Count > 0)
        {
            throw new OptionsValidationException(HostedAgentsOptions.SectionName, typeof(HostedAgentsOptions), loader.Problems);
        }

        services.AddAgents(agents =>
        {
            registrations.ForEach(r => agents.AddAgent(r));
            messageTypes.ForEach(m => agents.AddMessageType(m));
        });
        services.AddHostedService<AgentRuntimeStarter>();
        return services;
    }
}
