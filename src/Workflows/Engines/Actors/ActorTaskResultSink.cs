using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Records task results by calling the owning instance actor, named by the instance part of the task id; results of
/// one instance that arrive while a call to it is in flight travel together in its next call.</summary>
/// <remarks>
/// Register one per process: it is the batcher. A turn of an instance actor ends in its own durable commit, and turns of one
/// actor run one after another, so results sent one call each could never share a commit. Here at most one call per
/// instance is in flight; results reported meanwhile wait and go in the next call, which the actor folds into one turn and
/// one commit. Each caller completes once the call carrying its result has returned (the result is durable or was ignored);
/// a failed call fails every caller whose result it carried. A caller that stops waiting does not withdraw its result.
/// </remarks>
public sealed class ActorTaskResultSink : IWorkflowTaskResultSink, IDisposable
{
    private readonly IActorRuntime _runtime;
    private readonly Lock _gate = new();

    // Instance id to the results waiting for that instance's next call; an instance has an entry exactly while a call to it
    // is in flight, and the entry goes when the call returns with nothing waiting.
    private readonly Dictionary<string, List<PendingResult>> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates the sink over <paramref name="runtime"/>.</summary>
    public ActorTaskResultSink(IActorRuntime runtime) => _runtime = runtime;

    /// <summary>How many instances have a call in flight (each keeps an entry only that long).</summary>
    internal int InstancesInFlight
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var instanceId = WorkflowTaskId.Parse(result.TaskId).InstanceId.Value;
        var pending = new PendingResult(result);
        bool first;
        lock (_gate)
        {
            first = !_waiting.TryGetValue(instanceId, out var waiting);
            if (first)
            {
                _waiting.Add(instanceId, []);
            }
            else
            {
                waiting!.Add(pending);
            }
        }

        if (first)
        {
            _ = SendAsync(instanceId, [pending]);
        }

        return new ValueTask(pending.Recorded.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Cancels the calls still in flight; their callers see the cancellation.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    /// <summary>Sends <paramref name="batch"/>, then whatever queued for the instance meanwhile, until nothing waits.</summary>
    private async Task SendAsync(string instanceId, List<PendingResult> batch)
    {
        var actor = ActorId.Create(WorkflowActorTypes.Instance, instanceId);
        while (true)
        {
            try
            {
                var results = new WorkflowTaskResult[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    results[i] = batch[i].Result;
                }

                await _runtime.InvokeAsync<RecordTaskResults, InstanceReply>(actor, InstanceMethods.TaskResults, new RecordTaskResults(results), _stopping.Token);
                foreach (var pending in batch)
                {
                    pending.Recorded.TrySetResult();
                }
            }
            catch (Exception error)
            {
                foreach (var pending in batch)
                {
                    pending.Recorded.TrySetException(error);
                }
            }

            lock (_gate)
            {
                var waiting = _waiting[instanceId];
                if (waiting.Count == 0)
                {
                    _waiting.Remove(instanceId);
                    return;
                }

                _waiting[instanceId] = [];
                batch = waiting;
            }
        }
    }

    private sealed class PendingResult(WorkflowTaskResult result)
    {
        public WorkflowTaskResult Result { get; } = result;

        public TaskCompletionSource Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
