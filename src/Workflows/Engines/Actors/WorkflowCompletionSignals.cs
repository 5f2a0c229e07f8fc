using System.Collections.Concurrent;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Lets callers in this process await the finish of an instance; instance actors signal after the finishing
/// event is durable.</summary>
internal sealed class WorkflowCompletionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WorkflowInstanceState>> _waiters = new(StringComparer.Ordinal);

    public Task<WorkflowInstanceState> Watch(WorkflowInstanceId instanceId) =>
        _waiters.GetOrAdd(instanceId.Value, _ => new TaskCompletionSource<WorkflowInstanceState>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Finished(WorkflowInstanceState state)
    {
        if (_waiters.TryRemove(state.InstanceId, out var source))
        {
            source.TrySetResult(state);
        }
    }

    /// <summary>Drops the watch <paramref name="watch"/> of <paramref name="instanceId"/> (from <see cref="Watch"/>) when the instance
    /// turned out not to exist, so that waits on unknown ids leave nothing behind; a watch replaced meanwhile is kept.</summary>
    public void Forget(WorkflowInstanceId instanceId, Task<WorkflowInstanceState> watch)
    {
        if (_waiters.TryGetValue(instanceId.Value, out var source) && source.Task == watch)
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<WorkflowInstanceState>>(instanceId.Value, source));
        }
    }

    /// <summary>How many instances are watched now.</summary>
    public int Watched => _waiters.Count;
}
