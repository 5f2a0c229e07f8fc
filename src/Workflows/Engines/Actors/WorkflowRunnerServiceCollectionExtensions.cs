using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the workflow runner: actor types, the operations service and the in-process task dispatch.</summary>
public static class WorkflowRunnerServiceCollectionExtensions
{
    /// <summary>Adds the workflow runner on the registered actor runtime. Tasks go to <see cref="InProcessTaskAgents"/>
    /// unless another <see cref="IWorkflowTaskDispatcher"/> was registered first.</summary>
    /// <remarks>Call <see cref="WorkflowService.ResumeAllAsync"/> once the runtime has started.</remarks>
    public static IServiceCollection AddWorkflowRunner(this IServiceCollection services, Action<WorkflowRunnerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkflowRunnerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowRunnerOptions>, WorkflowRunnerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowCompletionSignals>();
        services.TryAddSingleton<InProcessTaskAgents>();
        services.TryAddSingleton<ActorTaskResultSink>();
        services.TryAddSingleton<IWorkflowTaskResultSink>(sp => sp.GetRequiredService<ActorTaskResultSink>());
        services.TryAddSingleton<IWorkflowTaskDispatcher, InProcessTaskDispatcher>();
        services.TryAddSingleton(sp => new WorkflowIndexWriter(sp.GetRequiredService<IActorRuntime>(), sp.GetRequiredService<IOptions<WorkflowRunnerOptions>>().Value));
        services.TryAddSingleton(sp => new WorkflowService(
            sp.GetRequiredService<IActorRuntime>(),
            sp.GetRequiredService<IOptions<WorkflowRunnerOptions>>(),
            sp.GetRequiredService<WorkflowCompletionSignals>(),
            sp.GetRequiredService<ActorTaskResultSink>(),
            sp.GetRequiredService<WorkflowIndexWriter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WorkflowService>>()));
        services.TryAddSingleton<IWorkflowClient>(sp => sp.GetRequiredService<WorkflowService>());

        services.AddActorType(WorkflowActorTypes.Instance, CreateInstance);
        services.AddActorType(WorkflowActorTypes.Index, host => new WorkflowIndexActor(host));
        services.AddActorType(WorkflowActorTypes.Definition, host => new WorkflowDefinitionActor(host));
        services.AddActorType(WorkflowActorTypes.Catalog, host => new WorkflowCatalogActor(host));
        return services;
    }

    private static WorkflowInstanceActor CreateInstance(ActorHost host) => new(
        host,
        host.Services.GetRequiredService<IWorkflowTaskDispatcher>(),
        host.Services.GetRequiredService<WorkflowService>(),
        host.Services.GetRequiredService<WorkflowIndexWriter>(),
        host.Services.GetRequiredService<WorkflowCompletionSignals>(),
        host.Services.GetRequiredService<IOptions<WorkflowRunnerOptions>>().Value,
        host.Services.GetService<IOptions<WorkflowLimitsOptions>>()?.Value,
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentPlatform.Workflows.Engines.Actors.WorkflowInstanceActor"));
}
