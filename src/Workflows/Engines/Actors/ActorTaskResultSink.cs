using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Records task results by calling the owning instance actor, named by the instance part of the task id; results of
/// one instance that arrive while a call to it is in flight travel together in its next call (an <see cref="ActorCallBatcher{TItem, TReply}"/>),
/// which the actor folds into one turn and one commit.</summary>
/// <remarks>Register one per process: it is the batcher. Each caller completes once the call carrying its result has returned
/// (the result is durable or was ignored); a failed call fails every caller whose result it carried.</remarks>
public sealed class ActorTaskResultSink : IWorkflowTaskResultSink, IDisposable
{
    private readonly ActorCallBatcher<WorkflowTaskResult, InstanceReply> _batcher;

    /// <summary>Creates the sink over <paramref name="runtime"/>.</summary>
    public ActorTaskResultSink(IActorRuntime runtime) =>
        _batcher = ActorCallBatcher.WithSharedReply<WorkflowTaskResult, InstanceReply>((instance, results, cancellationToken) =>
            runtime.InvokeAsync<RecordTaskResults, InstanceReply>(instance, InstanceMethods.TaskResults, new RecordTaskResults(results), cancellationToken));

    /// <summary>How many instances have a call in flight (each keeps an entry only that long).</summary>
    internal int InstancesInFlight => _batcher.ActorsInFlight;

    /// <inheritdoc/>
    public ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var instance = ActorId.Create(WorkflowActorTypes.Instance, WorkflowTaskId.Parse(result.TaskId).InstanceId.Value);
        return new ValueTask(_batcher.SendAsync(instance, result, cancellationToken));
    }

    /// <summary>Cancels the calls still in flight; their callers see the cancellation.</summary>
    public void Dispose() => _batcher.Dispose();
}
