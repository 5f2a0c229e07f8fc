using AgentPlatform.Runtime.State;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Dapr;
using AgentPlatform.Workflows.Operations;
using global::Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SdkClient = global::Dapr.Workflow.DaprWorkflowClient;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the step engine on Dapr Workflow.</summary>
public static class DaprWorkflowEngineServiceCollectionExtensions
{
    /// <summary>Registers the generic orchestrator and its activities with Dapr.Workflow's worker, the Dapr
    /// <see cref="IWorkflowClient"/>, the result sink that raises task results into orchestrations, and the start-up
    /// pass that dispatches again the tasks of running instances.</summary>
    /// <remarks>Needs an <see cref="IStateStore"/> (definitions and the instance index). Tasks go to
    /// <see cref="InProcessTaskAgents"/> unless another <see cref="IWorkflowTaskDispatcher"/> was registered first. The sidecar address comes from <c>DAPR_GRPC_ENDPOINT</c> as in every Dapr SDK.</remarks>
    public static IServiceCollection AddDaprWorkflowEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<StepEngineWorkflow>(StepEngineWorkflow.Name);
            options.RegisterActivity<AgentTaskActivity>(AgentTaskActivity.Name);
            options.RegisterActivity<RecordInstanceActivity>(RecordInstanceActivity.Name);
            options.RegisterActivity<CancelTaskActivity>(CancelTaskActivity.Name);
            options.RegisterActivity<PrepareChildActivity>(PrepareChildActivity.Name);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new StateDocuments(sp.GetRequiredService<IStateStore>()));
        services.TryAddSingleton(sp => new DaprWorkflowDefinitions(sp.GetRequiredService<StateDocuments>()));
        services.TryAddSingleton(sp => new DaprWorkflowIndex(sp.GetRequiredService<StateDocuments>()));
        services.TryAddSingleton(sp => new AgentPlatform.Workflows.Engines.Dapr.DaprWorkflowClient(
            sp.GetRequiredService<SdkClient>(), sp.GetRequiredService<DaprWorkflowDefinitions>(), sp.GetRequiredService<DaprWorkflowIndex>(),
            sp.GetRequiredService<IWorkflowTaskDispatcher>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IOptions<WorkflowLimitsOptions>>()?.Value, sp.GetRequiredService<DaprTaskResultSink>()));
        services.TryAddSingleton<IWorkflowClient>(sp => sp.GetRequiredService<AgentPlatform.Workflows.Engines.Dapr.DaprWorkflowClient>());
        services.TryAddSingleton(sp => new DaprTaskResultSink(sp.GetRequiredService<SdkClient>(), sp.GetRequiredService<IStateStore>()));
        services.TryAddSingleton<IWorkflowTaskResultSink>(sp => sp.GetRequiredService<DaprTaskResultSink>());
        services.TryAddSingleton<InProcessTaskAgents>();
        services.TryAddSingleton<IWorkflowTaskDispatcher, InProcessTaskDispatcher>();
        services.AddHostedService<DaprWorkflowRecovery>();
        return services;
    }
}
