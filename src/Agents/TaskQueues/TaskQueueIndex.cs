using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Agents.TaskQueues;

/// <summary>The task attempts hosted by this process that wait for an agent, per capability: the source of the queue metrics, the
/// operator summary's queues and the dashboard's waiting-tasks panel.</summary>
/// <remarks>
/// <para>A task waits from its dispatch until an agent picks it up: an in-process agent when it is handed the task, an external agent
/// when it first acts on it (task heartbeat, result or rejection). That spans both the time with no candidate agent and the time a
/// delivered task sits unread in the agent's inbox. A task that ends before it is picked up (cancelled, unassignable) stops waiting.</para>
/// <para>The index is fed by the <c>agent-task</c> actors this process hosts, so with several replicas (Dapr mode) each counts
/// only its own share: the sum across replicas is the platform's figure.</para>
/// </remarks>
public sealed partial class TaskQueueIndex : ITaskQueueObserver
{
    /// <summary>The queue of tasks addressed to one agent is named with this prefix and the agent id.</summary>
    public const string AgentQueuePrefix = "agent:";

    private readonly ConcurrentDictionary<string, WaitingTask> _waiting = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates an empty index whose ages are measured with <paramref name="time"/>, with its instruments on a meter from
    /// <paramref name="meterFactory"/> (or a meter of its own when none is given).</summary>
    public TaskQueueIndex(TimeProvider time, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(PlatformTelemetry.TasksMeter) ?? new Meter(PlatformTelemetry.TasksMeter);
        _waitTime = CreateInstruments(_meter);
    }

    /// <summary>The waiting tasks now.</summary>
    public TaskQueueSnapshot Snapshot()
    {
        var queues = new Dictionary<string, (int Count, DateTimeOffset Oldest)>(StringComparer.Ordinal);
        var backlog = Enum.GetValues<MessagePriority>().ToDictionary(p => p, _ => 0);
        var waiting = 0;
        foreach (var task in _waiting.Values)
        {
            waiting++;
            if (task.Delivered)
            {
                backlog[task.Priority]++;
            }

            foreach (var name in task.Queues)
            {
                queues[name] = queues.TryGetValue(name, out var known)
                    ? (known.Count + 1, task.Since < known.Oldest ? task.Since : known.Oldest)
                    : (1, task.Since);
            }
        }

        return new TaskQueueSnapshot(
            [.. queues.OrderByDescending(q => q.Value.Count).ThenBy(q => q.Key, StringComparer.Ordinal)
                .Select(q => new TaskQueueCount(q.Key, q.Value.Count, q.Value.Oldest))],
            waiting,
            backlog);
    }

    void ITaskQueueObserver.Activated(AgentTaskRecord? record, TimeSpan leaseDuration)
    {
        switch (record)
        {
            case { State: AgentTaskState.Waiting }:
                Track(record, delivered: false);
                break;

            // Pick-up is not persisted: a lease never extended past its first grant means the holder has not acted yet.
            case { State: AgentTaskState.Assigned, InProcess: false, AssignedAt: { } assignedAt } when record.LeaseUntil == assignedAt + leaseDuration:
                Track(record, delivered: true);
                break;
            default:
                break;
        }
    }

    void ITaskQueueObserver.Unmatched(AgentTaskRecord record) => Track(record, delivered: false);

    void ITaskQueueObserver.Assigned(AgentTaskRecord record)
    {
        if (record.InProcess)
        {
            PickUp(record, record.AssignedAt ?? _time.GetUtcNow());
        }
        else
        {
            Track(record, delivered: true);
        }
    }

    void ITaskQueueObserver.Acted(AgentTaskRecord record, DateTimeOffset at) => PickUp(record, at);

    void ITaskQueueObserver.Finished(string taskId) => _waiting.TryRemove(taskId, out _);

    void ITaskQueueObserver.Deactivated(string taskId) => _waiting.TryRemove(taskId, out _);

    private void Track(AgentTaskRecord record, bool delivered)
    {
        var queues = QueuesOf(record.Task);
        _waiting[record.Task.TaskId] = new WaitingTask(queues, record.Task.Priority, record.DispatchedAt, delivered);
        Remember(queues);
    }

    private void PickUp(AgentTaskRecord record, DateTimeOffset at)
    {
        if (_waiting.TryRemove(record.Task.TaskId, out var task))
        {
            RecordWait(task, at - task.Since);
        }
    }

    private static string[] QueuesOf(AgentTask task) => task.Capabilities is { Count: > 0 } capabilities
        ? [.. capabilities.Keys]
        : [AgentQueuePrefix + task.AgentId];

    private sealed record WaitingTask(string[] Queues, MessagePriority Priority, DateTimeOffset Since, bool Delivered);
}
