using System.Threading.Channels;
using AgentPlatform.DaprSidecar.Workflows.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>The durable state machine behind <c>TaskHubSidecarService</c>: it keeps each instance's history, shows a
/// connected worker the events it has not seen yet, applies the actions the worker answers with, runs durable timers
/// and hands out activities.</summary>
/// <remarks>Work handed to a worker stream that ends before its result arrives is handed out again (to the next stream
/// that reads), so a worker that reconnects after a crash gets it. One orchestration turn per instance is in flight at
/// a time; an activity result is accepted once, the first to arrive.</remarks>
public sealed partial class WorkflowBackend : IDisposable
{
    private readonly WorkflowBackendStore _store;
    private readonly TimeProvider _time;
    private readonly Channel<WorkRef> _ready = Channel.CreateUnbounded<WorkRef>();
    private readonly Lock _gate = new();
    private readonly HashSet<WorkRef> _queued = [];
    private readonly Dictionary<string, TurnDelivery> _turns = new(StringComparer.Ordinal);
    private readonly Dictionary<WorkRef, Guid> _activities = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Opens (or creates) the store and queues the unfinished work it holds.</summary>
    public WorkflowBackend(IOptions<WorkflowBackendOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = new WorkflowBackendStore(options.Value.DatabasePath);
        _time = time;
        var (instances, activities) = _store.Run(tx => (tx.InstancesWithInbox(), tx.AllActivities()));
        foreach (var instanceId in instances)
        {
            Enqueue(WorkRef.Turn(instanceId));
        }

        foreach (var (instanceId, taskId) in activities)
        {
            Enqueue(WorkRef.Activity(instanceId, taskId));
        }
    }

    /// <summary>Closes the store.</summary>
    public void Dispose() => _store.Dispose();

    /// <summary>Feeds one worker stream until it ends; what it was given and did not complete is queued again.</summary>
    internal async Task StreamWorkItemsAsync(IServerStreamWriter<WorkItem> writer, CancellationToken cancellationToken)
    {
        var streamId = Guid.NewGuid();
        try
        {
            await foreach (var work in _ready.Reader.ReadAllAsync(cancellationToken))
            {
                var item = work switch
                {
                    { TaskId: { } taskId } => PrepareActivity(work, taskId, streamId),
                    { IsReplay: true } => PrepareReplay(work.InstanceId, streamId),
                    _ => PrepareTurn(work.InstanceId, streamId),
                };
                if (item is null)
                {
                    continue;
                }

                try
                {
                    await writer.WriteAsync(item, cancellationToken);
                }
                catch
                {
                    ReleaseStream(streamId);
                    throw;
                }
            }
        }
        finally
        {
            ReleaseStream(streamId);
        }
    }

    /// <summary>Moves due durable timers into their instances' inboxes as <c>TimerFired</c>.</summary>
    internal void FireDueTimers()
    {
        var now = _time.GetUtcNow();
        var fired = _store.Run(tx =>
        {
            var instances = new List<string>();
            foreach (var (instanceId, timerId, fireAt) in tx.DueTimers(now))
            {
                tx.RemoveTimer(instanceId, timerId);
                if (tx.GetInstance(instanceId) is { IsFinished: false })
                {
                    tx.AddToInbox(instanceId, Event(new HistoryEvent { TimerFired = new TimerFiredEvent { TimerId = timerId, FireAt = Timestamp.FromDateTimeOffset(fireAt) } }));
                    instances.Add(instanceId);
                }
            }

            return instances;
        });
        foreach (var instanceId in fired)
        {
            Enqueue(WorkRef.Turn(instanceId));
        }
    }

    private void Enqueue(WorkRef work)
    {
        lock (_gate)
        {
            if (!_queued.Add(work))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(work);
    }

    private void ReleaseStream(Guid streamId)
    {
        var requeue = new List<WorkRef>();
        lock (_gate)
        {
            foreach (var (instanceId, turn) in _turns.Where(t => t.Value.StreamId == streamId).ToList())
            {
                _turns.Remove(instanceId);
                turn.Replay?.TrySetException(new RpcException(new Status(StatusCode.Unavailable, "The worker stream ended before the replay answered.")));
                requeue.Add(WorkRef.Turn(instanceId));
            }

            foreach (var (work, _) in _activities.Where(a => a.Value == streamId).ToList())
            {
                _activities.Remove(work);
                requeue.Add(work);
            }
        }

        foreach (var work in requeue)
        {
            Enqueue(work);
        }
    }

    /// <summary>Wakes everyone waiting for an instance to start or finish.</summary>
    private void Changed()
    {
        var previous = Interlocked.Exchange(ref _changed, NewSignal());
        previous.TrySetResult();
    }

    private HistoryEvent Event(HistoryEvent e, int eventId = -1)
    {
        e.EventId = eventId;
        e.Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow());
        return e;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An orchestration turn (no task id), one activity of an instance, or a replay of its history.</summary>
    private readonly record struct WorkRef(string InstanceId, int? TaskId, bool IsReplay = false)
    {
        public static WorkRef Turn(string instanceId) => new(instanceId, null);

        public static WorkRef Activity(string instanceId, int taskId) => new(instanceId, taskId);

        public static WorkRef ReplayOf(string instanceId) => new(instanceId, null, IsReplay: true);
    }

    /// <summary>A turn handed to a worker: the new events it was shown and how far the inbox was consumed; for a replay,
    /// the prepared request and where its answer goes instead of the history.</summary>
    private sealed record TurnDelivery(string Token, Guid StreamId, IReadOnlyList<HistoryEvent> NewEvents, long InboxSeq, TaskCompletionSource<WorkflowResponse>? Replay = null, WorkItem? Prepared = null);
}
