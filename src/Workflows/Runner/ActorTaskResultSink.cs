using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Runner;

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
        if (!WorkflowTaskId.TryParse(result.TaskId, out var instanceId, out _, out _))
        {
            throw new FormatException($"'{result.TaskId}' is not a task id of the form {{instance}}:{{step}}:{{attempt}}.");
        }

        await _runtime.InvokeAsync(ActorId.Create(WorkflowActorTypes.Instance, instanceId), InstanceMethods.TaskResult, result, cancellationToken);
    }
}
