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
}
