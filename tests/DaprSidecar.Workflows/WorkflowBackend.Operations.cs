using AgentPlatform.DaprSidecar.Workflows.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Workflows;

public sealed partial class WorkflowBackend
{
    /// <summary>Creates an instance; an id that is still running is <see cref="StatusCode.AlreadyExists"/>, a finished
    /// one is replaced.</summary>
    internal string Start(CreateInstanceRequest request)
    {
        var instanceId = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString("N") : request.InstanceId;
        if (string.IsNullOrEmpty(request.Name))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "name: the workflow name is required."));
        }

        _store.Run(tx =>
        {
            if (tx.GetInstance(instanceId) is { } existing)
            {
                if (!existing.IsFinished)
                {
                    throw new RpcException(new Status(StatusCode.AlreadyExists, $"Instance '{instanceId}' already exists and is {existing.Status}."));
                }

                tx.DeleteInstance(instanceId);
            }

            CreateInstance(tx, instanceId, request.Name, request.Input, null);
            return 0;
        });
        Enqueue(WorkRef.Turn(instanceId));
        Changed();
        return instanceId;
    }

    internal GetInstanceResponse Get(string instanceId, bool withPayloads)
    {
        var instance = _store.Run(tx => tx.GetInstance(instanceId));
        return instance is null ? new GetInstanceResponse { Exists = false } : new GetInstanceResponse { Exists = true, WorkflowState = ToState(instance, withPayloads) };
    }

    /// <summary>Completes once <paramref name="reached"/> holds for the instance (or it does not exist).</summary>
    internal async Task<GetInstanceResponse> WaitAsync(GetInstanceRequest request, Func<InstanceRecord, bool> reached, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var instance = _store.Run(tx => tx.GetInstance(request.InstanceId));
            if (instance is null || reached(instance))
            {
                return instance is null ? new GetInstanceResponse { Exists = false } : new GetInstanceResponse { Exists = true, WorkflowState = ToState(instance, request.GetInputsAndOutputs) };
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void RaiseEvent(RaiseEventRequest request)
    {
        _store.Run(tx =>
        {
            var instance = RunningInstance(tx, request.InstanceId);
            tx.AddToInbox(request.InstanceId, Event(new HistoryEvent { EventRaised = new EventRaisedEvent { Name = request.Name, Input = request.Input } }));
            return instance;
        });
        Enqueue(WorkRef.Turn(request.InstanceId));
    }

    internal void Terminate(TerminateRequest request)
    {
        var follow = _store.Run(tx =>
        {
            _ = tx.GetInstance(request.InstanceId) ?? throw NotFound(request.InstanceId);
            return Terminate(tx, request.InstanceId, request.Output, request.Recursive);
        });
        foreach (var work in follow)
        {
            Enqueue(work);
        }
    }

    internal void Suspend(string instanceId, string? reason) => SetSuspended(instanceId, reason, suspend: true);

    internal void Resume(string instanceId, string? reason) => SetSuspended(instanceId, reason, suspend: false);

    internal int Purge(PurgeInstancesRequest request)
    {
        var purged = _store.Run(tx =>
        {
            if (request.RequestCase == PurgeInstancesRequest.RequestOneofCase.InstanceId)
            {
                var instance = tx.GetInstance(request.InstanceId);
                if (instance is null)
                {
                    return 0;
                }

                if (!instance.IsFinished && !(request.HasForce && request.Force))
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Instance '{request.InstanceId}' is {instance.Status}; only a finished instance can be purged."));
                }

                return PurgeTree(tx, instance, request.Recursive);
            }

            var filter = request.PurgeInstanceFilter ?? new PurgeInstanceFilter();
            var count = 0;
            foreach (var instance in tx.AllInstances())
            {
                var statusMatches = filter.RuntimeStatus.Count == 0 ? instance.IsFinished : filter.RuntimeStatus.Contains(instance.Status) && instance.IsFinished;
                var from = filter.CreatedTimeFrom?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
                var to = filter.CreatedTimeTo?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue;
                if (statusMatches && instance.CreatedAt >= from && instance.CreatedAt <= to && tx.GetInstance(instance.InstanceId) is not null)
                {
                    count += PurgeTree(tx, instance, request.Recursive);
                }
            }

            return count;
        });
        Changed();
        return purged;
    }

    internal ListInstanceIDsResponse ListIds(ListInstanceIDsRequest request)
    {
        var pageSize = request.HasPageSize && request.PageSize > 0 ? (int)Math.Min(request.PageSize, 10_000) : 1000;
        var ids = _store.Run(tx => tx.ListIds(request.HasContinuationToken ? request.ContinuationToken : null, pageSize + 1));
        var response = new ListInstanceIDsResponse();
        response.InstanceIds.AddRange(ids.Take(pageSize));
        if (ids.Count > pageSize)
        {
            response.ContinuationToken = ids[pageSize - 1];
        }

        return response;
    }

    internal GetInstanceHistoryResponse History(string instanceId)
    {
        var history = _store.Run(tx => tx.GetInstance(instanceId) is null ? throw NotFound(instanceId) : tx.History(instanceId));
        var response = new GetInstanceHistoryResponse();
        response.Events.AddRange(history);
        return response;
    }

    private void SetSuspended(string instanceId, string? reason, bool suspend)
    {
        _store.Run(tx =>
        {
            var instance = RunningInstance(tx, instanceId);
            var wanted = suspend ? OrchestrationStatus.Suspended : OrchestrationStatus.Running;
            if (instance.Status != wanted)
            {
                var e = suspend
                    ? new HistoryEvent { ExecutionSuspended = new ExecutionSuspendedEvent { Input = reason } }
                    : new HistoryEvent { ExecutionResumed = new ExecutionResumedEvent { Input = reason } };
                tx.AppendHistory(instanceId, [Event(e)]);
                tx.PutInstance(instance with { Status = wanted, UpdatedAt = _time.GetUtcNow() });
            }

            return instance;
        });
        Enqueue(WorkRef.Turn(instanceId));
        Changed();
    }

    private static int PurgeTree(WorkflowBackendStore.Transaction tx, InstanceRecord instance, bool recursive)
    {
        var count = 1;
        if (recursive)
        {
            foreach (var child in tx.ChildrenOf(instance.InstanceId).Where(c => c.IsFinished))
            {
                count += PurgeTree(tx, child, recursive);
            }
        }

        tx.DeleteInstance(instance.InstanceId);
        return count;
    }

    private static InstanceRecord RunningInstance(WorkflowBackendStore.Transaction tx, string instanceId)
    {
        var instance = tx.GetInstance(instanceId) ?? throw NotFound(instanceId);
        return instance.IsFinished
            ? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Instance '{instanceId}' has finished ({instance.Status})."))
            : instance;
    }

    private static RpcException NotFound(string instanceId) =>
        new(new Status(StatusCode.NotFound, $"Instance '{instanceId}' does not exist."));

    private static WorkflowState ToState(InstanceRecord instance, bool withPayloads)
    {
        var state = new WorkflowState
        {
            InstanceId = instance.InstanceId,
            Name = instance.Name,
            WorkflowStatus = instance.Status,
            CreatedTimestamp = Timestamp.FromDateTimeOffset(instance.CreatedAt),
            LastUpdatedTimestamp = Timestamp.FromDateTimeOffset(instance.UpdatedAt),
            ExecutionId = instance.ExecutionId,
            FailureDetails = instance.Failure,
            ParentInstanceId = instance.ParentInstanceId,
        };
        if (instance.CompletedAt is { } completed)
        {
            state.CompletedTimestamp = Timestamp.FromDateTimeOffset(completed);
        }

        if (withPayloads)
        {
            state.Input = instance.Input;
            state.Output = instance.Output;
            state.CustomStatus = instance.CustomStatus;
        }

        return state;
    }
}
