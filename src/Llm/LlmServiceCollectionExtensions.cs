using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Channels;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Http;
using AgentPlatform.Llm.Tools;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers LLM agents and their governor.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>Registers the <c>llm</c> agent type (one agent per <see cref="LlmOptions.Agents"/> entry, declared to the registry at
    /// start-up), the process-wide <see cref="LlmGovernor"/>, budgets, accounting and metrics; options are validated on start.
    /// Calling it again only adds <paramref name="configure"/>.</summary>
    /// <remarks>Needs the agent registry and task dispatch (<c>AddAgentTasks</c>) and a <see cref="TimeProvider"/>. Register an
    /// <see cref="ILlmSpendHistory"/> (the workflow engine's record of each run) to make budgets hold across restarts and replicas;
    /// without one they count only this process's calls.</remarks>
    public static IServiceCollection AddLlmAgents(this IServiceCollection services, Action<LlmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LlmOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LlmHttpClient(Options(sp).Http));
        services.TryAddSingleton(sp => new LlmChatClients(sp.GetRequiredService<LlmHttpClient>(), Options(sp).Http));
        services.TryAddSingleton(sp => new LlmGovernor(
            Options(sp).Governor,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<LlmGovernor>() ?? (ILogger)NullLogger.Instance));
        services.TryAddSingleton<ILlmSpendHistory, NoLlmSpendHistory>();
        services.TryAddSingleton(sp => new LlmBudgetLedger(
            Options(sp).Budgets, sp.GetRequiredService<ILlmSpendHistory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LlmMetrics(sp.GetService<IMeterFactory>(), sp.GetRequiredService<LlmGovernor>()));
        services.TryAddSingleton<LlmTokenEstimator>();
        services.TryAddSingleton<ILlmSecretReader, NoLlmSecretReader>();
        services.TryAddSingleton<LlmAgentCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRequestRecipientKind, LlmRequestRecipients>());
        services.AddActorType(LlmAgentDirectoryActor.TypeName, static host => new LlmAgentDirectoryActor(host));
        services.TryAddSingleton<LlmPlatformFunctions>();
        services.TryAddSingleton(sp => new LlmMcpTools(sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<LlmToolbox>();
        services.TryAddSingleton<LlmTaskExecutor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LlmAgentRegistrar>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LlmChannelListener>());
        if (!services.Any(d => d.ServiceType == typeof(AgentTypeRegistration) && d.ImplementationInstance is AgentTypeRegistration { Type: LlmAgent.AgentType }))
        {
            services.AddAgents().AddAgent<LlmAgent>(LlmAgent.AgentType);
        }

        return services;
    }

    private static LlmOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value;
}
