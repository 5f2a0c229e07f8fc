using AgentPlatform.DaprSidecar.Workflows.Protocol;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Workflows;

public sealed partial class WorkflowBackend
{
    private WorkItem? PrepareTurn(string instanceId, Guid streamId)
    {
        lock (_gate)
        {
            _queued.Remove(WorkRef.Turn(instanceId));
            if (_turns.ContainsKey(instanceId))
            {
                // Queued again once the turn in flight completes.
                return null;
            }

            var (instance, history, inbox) = _store.Run(tx => (tx.GetInstance(instanceId), tx.History(instanceId), tx.Inbox(instanceId)));
            if (instance is null || instance.IsFinished || inbox.Count == 0)
            {
                return null;
            }

            var terminating = inbox.ToList().FindIndex(e => e.Event.ExecutionTerminated is not null);
            if (instance.Status == OrchestrationStatus.Suspended && terminating < 0)
            {
                return null;
            }

            // The worker treats a turn whose last event is ExecutionTerminated as terminated, so nothing may follow it.
            var shown = terminating >= 0 ? inbox.Take(terminating + 1).ToList() : inbox.ToList();
            var newEvents = new List<HistoryEvent> { Event(new HistoryEvent { WorkflowStarted = new WorkflowStartedEvent() }) };
            newEvents.AddRange(shown.Select(e => e.Event));
            var token = Guid.NewGuid().ToString("N");
            _turns[instanceId] = new TurnDelivery(token, streamId, newEvents, shown[^1].Seq, null);
            var request = new WorkflowRequest { InstanceId = instanceId, ExecutionId = instance.ExecutionId };
            request.PastEvents.AddRange(history);
            request.NewEvents.AddRange(newEvents);
            return new WorkItem { WorkflowRequest = request, CompletionToken = token };
        }
    }

    private WorkItem? PrepareReplay(string instanceId, Guid streamId)
    {
        lock (_gate)
        {
            _queued.Remove(WorkRef.ReplayOf(instanceId));
            if (!_turns.TryGetValue(instanceId, out var replay) || replay.Prepared is null)
            {
                return null;
            }

            _turns[instanceId] = replay with { StreamId = streamId };
            return replay.Prepared;
        }
    }

    private WorkItem? PrepareActivity(WorkRef work, int taskId, Guid streamId)
    {
        lock (_gate)
        {
            _queued.Remove(work);
            if (_activities.ContainsKey(work))
            {
                return null;
            }

            var request = _store.Run(tx => tx.GetActivity(work.InstanceId, taskId));
            if (request is null)
            {
                return null;
            }

            _activities[work] = streamId;
            return new WorkItem { ActivityRequest = request, CompletionToken = Guid.NewGuid().ToString("N") };
        }
    }

    /// <summary>Records the worker's answer to a turn: the events it was shown, then one history event per action and the
    /// action's effect (activity queued, timer stored, event sent, child started, instance finished).</summary>
    internal void CompleteTurn(WorkflowResponse response)
    {
        TurnDelivery? turn;
        lock (_gate)
        {
            if (!_turns.TryGetValue(response.InstanceId, out turn) || turn.Token != response.CompletionToken)
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"No turn of instance '{response.InstanceId}' with this completion token is in flight."));
            }

            _turns.Remove(response.InstanceId);
        }

        if (turn.Replay is not null)
        {
            turn.Replay.TrySetResult(response);
            return;
        }

        var follow = _store.Run(tx => ApplyTurn(tx, response, turn));
        foreach (var work in follow)
        {
            Enqueue(work);
        }

        Enqueue(WorkRef.Turn(response.InstanceId));
        Changed();
    }

    /// <summary>Records an activity's result in its instance's inbox; later answers for the same task are ignored.</summary>
    internal void CompleteActivity(ActivityResponse response)
    {
        var work = WorkRef.Activity(response.InstanceId, response.TaskId);
        var recorded = _store.Run(tx =>
        {
            var request = tx.GetActivity(response.InstanceId, response.TaskId);
            if (request is null || !tx.RemoveActivity(response.InstanceId, response.TaskId))
            {
                return false;
            }

            var outcome = response.FailureDetails is { } failure
                ? new HistoryEvent { TaskFailed = new TaskFailedEvent { TaskScheduledId = response.TaskId, FailureDetails = failure, TaskExecutionId = request.TaskExecutionId } }
                : new HistoryEvent { TaskCompleted = new TaskCompletedEvent { TaskScheduledId = response.TaskId, Result = response.Result, TaskExecutionId = request.TaskExecutionId } };
            tx.AddToInbox(response.InstanceId, Event(outcome));
            return true;
        });
        lock (_gate)
        {
            _activities.Remove(work);
        }

        if (recorded)
        {
            Enqueue(WorkRef.Turn(response.InstanceId));
        }
    }

    /// <summary>Shows a connected worker an instance's whole recorded history as past events, with nothing new, and
    /// returns its answer without applying it: a deterministic orchestrator re-issues no action the history already
    /// holds (after a completed run, only the completion it recorded).</summary>
    /// <exception cref="RpcException">The instance does not exist, or a turn of it is in flight.</exception>
    public async Task<WorkflowReplay> ReplayAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (instance, history) = _store.Run(tx => (tx.GetInstance(instanceId), tx.History(instanceId)));
        if (instance is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Instance '{instanceId}' does not exist."));
        }

        var answered = new TaskCompletionSource<WorkflowResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = Guid.NewGuid().ToString("N");
        var request = new WorkflowRequest { InstanceId = instanceId, ExecutionId = instance.ExecutionId };
        request.PastEvents.AddRange(history);
        lock (_gate)
        {
            var prepared = new WorkItem { WorkflowRequest = request, CompletionToken = token };
            if (!_turns.TryAdd(instanceId, new TurnDelivery(token, Guid.Empty, [], 0, answered, prepared)))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"A turn of instance '{instanceId}' is in flight."));
            }
        }

        Enqueue(WorkRef.ReplayOf(instanceId));
        var response = await answered.Task.WaitAsync(cancellationToken);
        return WorkflowReplay.From(response, instance.Output);
    }

    private List<WorkRef> ApplyTurn(WorkflowBackendStore.Transaction tx, WorkflowResponse response, TurnDelivery turn)
    {
        var instanceId = response.InstanceId;
        var follow = new List<WorkRef>();
        var instance = tx.GetInstance(instanceId);
        if (instance is null || instance.IsFinished)
        {
            return follow;
        }

        tx.RemoveFromInbox(instanceId, turn.InboxSeq);
        var appended = new List<HistoryEvent>(turn.NewEvents);
        var now = _time.GetUtcNow();
        instance = instance with
        {
            Status = instance.Status == OrchestrationStatus.Pending ? OrchestrationStatus.Running : instance.Status,
            UpdatedAt = now,
            CustomStatus = response.CustomStatus ?? instance.CustomStatus,
        };
        foreach (var action in response.Actions.OrderBy(a => a.Id))
        {
            switch (action.WorkflowActionTypeCase)
            {
                case WorkflowAction.WorkflowActionTypeOneofCase.ScheduleTask:
                    var schedule = action.ScheduleTask;
                    appended.Add(Event(new HistoryEvent { TaskScheduled = new TaskScheduledEvent { Name = schedule.Name, Input = schedule.Input, TaskExecutionId = schedule.TaskExecutionId } }, action.Id));
                    tx.AddActivity(instanceId, action.Id, new ActivityRequest
                    {
                        Name = schedule.Name,
                        Input = schedule.Input,
                        TaskId = action.Id,
                        TaskExecutionId = schedule.TaskExecutionId,
                        WorkflowInstance = new WorkflowInstance { InstanceId = instanceId, ExecutionId = instance.ExecutionId },
                    });
                    follow.Add(WorkRef.Activity(instanceId, action.Id));
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CreateTimer:
                    var timer = action.CreateTimer;
                    var created = new TimerCreatedEvent { FireAt = timer.FireAt };
                    CopyOrigin(timer, created);
                    appended.Add(Event(new HistoryEvent { TimerCreated = created }, action.Id));
                    tx.AddTimer(instanceId, action.Id, timer.FireAt.ToDateTimeOffset());
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.SendEvent:
                    var send = action.SendEvent;
                    appended.Add(Event(new HistoryEvent { EventSent = new EventSentEvent { InstanceId = send.Instance.InstanceId, Name = send.Name, Input = send.Data } }, action.Id));
                    if (tx.GetInstance(send.Instance.InstanceId) is { IsFinished: false })
                    {
                        tx.AddToInbox(send.Instance.InstanceId, Event(new HistoryEvent { EventRaised = new EventRaisedEvent { Name = send.Name, Input = send.Data } }));
                        follow.Add(WorkRef.Turn(send.Instance.InstanceId));
                    }

                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CreateChildWorkflow:
                    var child = action.CreateChildWorkflow;
                    appended.Add(Event(new HistoryEvent { ChildWorkflowInstanceCreated = new ChildWorkflowInstanceCreatedEvent { InstanceId = child.InstanceId, Name = child.Name, Input = child.Input } }, action.Id));
                    if (tx.GetInstance(child.InstanceId) is null)
                    {
                        CreateInstance(tx, child.InstanceId, child.Name, child.Input, new ParentInstanceInfo
                        {
                            TaskScheduledId = action.Id,
                            Name = instance.Name,
                            WorkflowInstance = new WorkflowInstance { InstanceId = instanceId, ExecutionId = instance.ExecutionId },
                        });
                        follow.Add(WorkRef.Turn(child.InstanceId));
                    }

                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.TerminateWorkflow:
                    follow.AddRange(Terminate(tx, action.TerminateWorkflow.InstanceId, action.TerminateWorkflow.Reason, action.TerminateWorkflow.Recurse));
                    break;
                case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow:
                    var complete = action.CompleteWorkflow;
                    instance = Finish(instance, complete, turn, now);
                    appended.Add(Event(new HistoryEvent { ExecutionCompleted = new ExecutionCompletedEvent { WorkflowStatus = instance.Status, Result = complete.Result, FailureDetails = complete.FailureDetails } }, action.Id));
                    break;
                default:
                    throw new RpcException(new Status(StatusCode.Unimplemented, $"This backend does not implement the {action.WorkflowActionTypeCase} action."));
            }
        }

        tx.AppendHistory(instanceId, appended);
        tx.PutInstance(instance);
        if (instance.IsFinished)
        {
            tx.ClearPendingWork(instanceId);
            follow.AddRange(NotifyParent(tx, instance));
        }

        return follow;
    }

    private static InstanceRecord Finish(InstanceRecord instance, CompleteWorkflowAction complete, TurnDelivery turn, DateTimeOffset now)
    {
        var status = complete.WorkflowStatus;
        TaskFailureDetails? failure = complete.FailureDetails;
        if (status == OrchestrationStatus.ContinuedAsNew)
        {
            status = OrchestrationStatus.Failed;
            failure = new TaskFailureDetails { ErrorType = "NotSupported", ErrorMessage = "The daprd test double does not implement continue-as-new." };
        }

        var output = status == OrchestrationStatus.Terminated
            ? turn.NewEvents.LastOrDefault(e => e.ExecutionTerminated is not null)?.ExecutionTerminated.Input
            : complete.Result;
        return instance with { Status = status, Output = output, Failure = failure, CompletedAt = now, UpdatedAt = now };
    }

    private List<WorkRef> NotifyParent(WorkflowBackendStore.Transaction tx, InstanceRecord child)
    {
        if (child.ParentInstanceId is not { } parentId || tx.GetInstance(parentId) is not { IsFinished: false })
        {
            return [];
        }

        var outcome = child.Status == OrchestrationStatus.Completed
            ? new HistoryEvent { ChildWorkflowInstanceCompleted = new ChildWorkflowInstanceCompletedEvent { TaskScheduledId = child.ParentTaskId, Result = child.Output } }
            : new HistoryEvent
            {
                ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent
                {
                    TaskScheduledId = child.ParentTaskId,
                    FailureDetails = child.Failure ?? new TaskFailureDetails { ErrorType = child.Status.ToString(), ErrorMessage = $"Child workflow '{child.InstanceId}' ended {child.Status}." },
                },
            };
        tx.AddToInbox(parentId, Event(outcome));
        return [WorkRef.Turn(parentId)];
    }

    private void CreateInstance(WorkflowBackendStore.Transaction tx, string instanceId, string name, string? input, ParentInstanceInfo? parent)
    {
        var now = _time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        tx.PutInstance(new InstanceRecord
        {
            InstanceId = instanceId,
            Name = name,
            ExecutionId = executionId,
            Status = OrchestrationStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Input = input,
            ParentInstanceId = parent?.WorkflowInstance.InstanceId,
            ParentTaskId = parent?.TaskScheduledId ?? 0,
        });
        var started = new ExecutionStartedEvent { Name = name, Input = input, WorkflowInstance = new WorkflowInstance { InstanceId = instanceId, ExecutionId = executionId } };
        if (parent is not null)
        {
            started.ParentInstance = parent;
        }

        tx.AddToInbox(instanceId, Event(new HistoryEvent { ExecutionStarted = started }));
    }

    private List<WorkRef> Terminate(WorkflowBackendStore.Transaction tx, string instanceId, string? reason, bool recursive)
    {
        var instance = tx.GetInstance(instanceId);
        if (instance is null || instance.IsFinished)
        {
            return [];
        }

        tx.AddToInbox(instanceId, Event(new HistoryEvent { ExecutionTerminated = new ExecutionTerminatedEvent { Input = reason, Recurse = recursive } }));
        var follow = new List<WorkRef> { WorkRef.Turn(instanceId) };
        if (recursive)
        {
            foreach (var child in tx.ChildrenOf(instanceId))
            {
                follow.AddRange(Terminate(tx, child.InstanceId, reason, recursive));
            }
        }

        return follow;
    }

    private static void CopyOrigin(CreateTimerAction timer, TimerCreatedEvent created)
    {
        switch (timer.OriginCase)
        {
            case CreateTimerAction.OriginOneofCase.CreateTimer:
                created.CreateTimer = timer.CreateTimer;
                break;
            case CreateTimerAction.OriginOneofCase.ExternalEvent:
                created.ExternalEvent = timer.ExternalEvent;
                break;
            case CreateTimerAction.OriginOneofCase.ActivityRetry:
                created.ActivityRetry = timer.ActivityRetry;
                break;
            case CreateTimerAction.OriginOneofCase.ChildWorkflowRetry:
                created.ChildWorkflowRetry = timer.ChildWorkflowRetry;
                break;
            default:
                break;
        }

        if (timer.HasName)
        {
            created.Name = timer.Name;
        }
    }
}
