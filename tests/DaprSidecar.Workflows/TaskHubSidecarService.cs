using AgentPlatform.DaprSidecar.Workflows.Protocol;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>The durabletask gRPC service (<c>TaskHubSidecarService</c>, no proto package) as Dapr.Workflow 1.19's worker
/// and client call it; every call is a thin mapping onto <see cref="WorkflowBackend"/>.</summary>
internal sealed class TaskHubSidecarService(WorkflowBackend backend) : Protocol.TaskHubSidecarService.TaskHubSidecarServiceBase
{
    private static readonly Task<CompleteTaskResponse> Completed = Task.FromResult(new CompleteTaskResponse());

    public override Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context) =>
        Task.FromResult(new CreateInstanceResponse { InstanceId = backend.Start(request) });

    public override Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context) =>
        Task.FromResult(backend.Get(request.InstanceId, request.GetInputsAndOutputs));

    public override Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context) =>
        backend.WaitAsync(request, i => i.Status != OrchestrationStatus.Pending, context.CancellationToken);

    public override Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context) =>
        backend.WaitAsync(request, i => i.IsFinished, context.CancellationToken);

    public override Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context)
    {
        backend.RaiseEvent(request);
        return Task.FromResult(new RaiseEventResponse());
    }

    public override Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context)
    {
        backend.Terminate(request);
        return Task.FromResult(new TerminateResponse());
    }

    public override Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context)
    {
        backend.Suspend(request.InstanceId, request.Reason);
        return Task.FromResult(new SuspendResponse());
    }

    public override Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context)
    {
        backend.Resume(request.InstanceId, request.Reason);
        return Task.FromResult(new ResumeResponse());
    }

    public override Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context) =>
        Task.FromResult(new PurgeInstancesResponse { DeletedInstanceCount = backend.Purge(request), IsComplete = true });

    public override async Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> responseStream, ServerCallContext context)
    {
        try
        {
            await backend.StreamWorkItemsAsync(responseStream, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The worker went away; its unfinished work is queued for the next stream.
        }
    }

    public override Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context)
    {
        backend.CompleteActivity(request);
        return Completed;
    }

    [Obsolete("The 1.19 worker still calls the deprecated name; both names do the same.")]
    public override Task<CompleteTaskResponse> CompleteOrchestratorTask(WorkflowResponse request, ServerCallContext context) =>
        CompleteWorkflowTask(request, context);

    public override Task<CompleteTaskResponse> CompleteWorkflowTask(WorkflowResponse request, ServerCallContext context)
    {
        backend.CompleteTurn(request);
        return Completed;
    }

    public override Task<ListInstanceIDsResponse> ListInstanceIDs(ListInstanceIDsRequest request, ServerCallContext context) =>
        Task.FromResult(backend.ListIds(request));

    public override Task<GetInstanceHistoryResponse> GetInstanceHistory(GetInstanceHistoryRequest request, ServerCallContext context) =>
        Task.FromResult(backend.History(request.InstanceId));
}
