using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Records task results by calling the owning instance actor, named by the instance part of the task id.</summary>
public sealed class ActorTaskResultSink : IWorkflowTaskResultSink
{
    private readonly IActorRuntime _runtime;

    /// <summary>Creates the sink over <paramref name="runtime"/>.</summary>
    public ActorTaskResultSink(IActorRuntime runtime) => _runtime = runtime;

    /// <inheritdoc/>
    public async ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var taskId = WorkflowTaskId.Parse(result.TaskId);
        await _runtime.InvokeAsync(ActorId.Create(WorkflowActorTypes.Instance, taskId.InstanceId.Value), InstanceMethods.TaskResult, result, cancellationToken);
    }
}
