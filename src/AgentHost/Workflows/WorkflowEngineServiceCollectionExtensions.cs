using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Workflows.Engines.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the workflow engine <c>Workflows:Engine</c> selects.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>Adds the actor engine (options from <c>Workflows:Runner</c>, with start-up recovery) or the Dapr Workflow
    /// engine; either serves <c>IWorkflowClient</c>. A wrong combination with <c>Runtime:Mode</c> fails start-up.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkflowEngineOptions>().Bind(configuration.GetSection(WorkflowEngineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowEngineOptions>>(new WorkflowEngineOptionsValidator(configuration)));
        var (options, runtimeMode) = WorkflowEngineOptions.From(configuration);
        if (options.EffectiveEngine(runtimeMode) == WorkflowEngineOptions.Dapr)
        {
            services.AddDaprWorkflowEngine();
        }
        else
        {
            services.AddWorkflowRunner(runner => configuration.GetSection(WorkflowRunnerOptions.SectionName).Bind(runner));
            services.AddHostedService<WorkflowRecoveryService>();
        }

        return services;
    }
}
