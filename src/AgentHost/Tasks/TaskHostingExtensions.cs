using AgentPlatform.AgentHost.Tasks;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Workflows.Dispatch;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects workflow steps to registered agents.</summary>
public static class TaskHostingExtensions
{
    /// <summary>Adds task dispatch to agents (options from <c>Tasks</c>) as the workflow engine's <see cref="IWorkflowTaskDispatcher"/>,
    /// with the built-in in-process handlers taking the steps they match, and request/reply between agents. Call before the
    /// workflow engine is added.</summary>
    public static IServiceCollection AddPlatformTasks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAgentTasks(options => configuration.GetSection(AgentTaskOptions.SectionName).Bind(options));
        services.AddAgentRequests();
        services.TryAddSingleton<InProcessTaskAgents>();
        services.TryAddSingleton<InProcessTaskDispatcher>();
        services.TryAddSingleton<IAgentTaskOutcomeSink, WorkflowTaskOutcomeSink>();
        services.TryAddSingleton<IWorkflowTaskDispatcher, WorkflowAgentTaskDispatcher>();
        return services;
    }
}
