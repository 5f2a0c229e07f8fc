using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.AgentHost.Llm;
using AgentPlatform.Llm;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Runtime.Dapr;
using Dapr.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>LLM agents from the <c>Llm</c> section, their API keys from configuration or the Dapr secret store.</summary>
public static class LlmHostingExtensions
{
    /// <summary>Binds <see cref="LlmOptions"/> and adds LLM agents whose budgets read each run's spend from its workflow history; in Dapr mode an agent with an empty <c>ApiKey</c> and an
    /// <c>ApiKeySecret</c> gets its key from that secret of the Dapr secret store when the options are first read (at start-up,
    /// as they are validated then).</summary>
    public static IServiceCollection AddPlatformLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ILlmSpendHistory, WorkflowLlmSpendHistory>();
        var dapr = PlatformRuntimeOptions.From(configuration).IsDapr;
        if (dapr)
        {
            services.TryAddSingleton<ILlmSecretReader, DaprLlmSecretReader>();
        }

        services.AddLlmAgents(options => configuration.GetSection(LlmOptions.SectionName).Bind(options));
        if (dapr)
        {
            services.AddOptions<LlmOptions>().PostConfigure<DaprClient>((llm, client) =>
            {
                foreach (var agent in llm.Agents.Values.Where(a => string.IsNullOrEmpty(a.ApiKey) && a.ApiKeySecret is { Length: > 0 }))
                {
                    agent.ApiKey = DaprSecrets.ReadAsync(client, agent.ApiKeySecret!).GetAwaiter().GetResult();
                }
            });
        }

        return services;
    }
}
