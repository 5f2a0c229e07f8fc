using System.Text.Json;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using global::Dapr.Workflow;
using Grpc.Core;
using SdkClient = global::Dapr.Workflow.DaprWorkflowClient;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The <see cref="IWorkflowClient"/> of the Dapr engine: definitions and the instance index in the state store,
/// instances in Dapr Workflow, status and history folded from the platform history the orchestrator publishes.</summary>
/// <remarks>Status answers from the last turn Dapr has recorded; right after a start, or when no worker runs, that may be
/// before the first decision (the instance is running with no step started). Dapr's termination ends an orchestration
/// without running it, so a terminated instance's state is its published history plus a <see cref="WorkflowTerminated"/>
/// event stamped with Dapr's last update time.</remarks>
public sealed partial class DaprWorkflowClient : IWorkflowClient
{
    private readonly SdkClient _client;
    private readonly DaprWorkflowDefinitions _definitions;
    private readonly DaprWorkflowIndex _index;
    private readonly IWorkflowTaskDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly WorkflowLimitsOptions? _limits;
    private readonly DaprTaskResultSink? _results;

    internal DaprWorkflowClient(
        SdkClient client,
        DaprWorkflowDefinitions definitions,
        DaprWorkflowIndex index,
        IWorkflowTaskDispatcher dispatcher,
        TimeProvider time,
        WorkflowLimitsOptions? limits = null,
        DaprTaskResultSink? results = null)
    {
        _limits = limits;
        _results = results;
        _client = client;
        _definitions = definitions;
        _index = index;
        _dispatcher = dispatcher;
        _time = time;
    }

    /// <inheritdoc/>
    public ValueTask<DefinitionRegistration> RegisterDefinitionAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        WorkflowValidator.ThrowIfInvalid(definition);
        return _definitions.RegisterAsync(definition, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<WorkflowDefinition?> GetDefinitionAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default) =>
        _definitions.GetAsync(definitionId, version, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<WorkflowDefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default) =>
        _definitions.ListAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<WorkflowStartResult> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken = default) =>
        (await StartPlannedAsync(request, cancellationToken)).Result;

    /// <inheritdoc/>
    public async ValueTask<WorkflowStartResult> StartAndWaitAsync(WorkflowStartRequest request, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var (started, instanceId) = await StartPlannedAsync(request, cancellationToken);
        if (IsFinished(started.Instance.Status))
        {
            return started;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            return started with { Instance = (await WaitForEndAsync(instanceId, timeout.Token)).State };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return started with { Instance = (await ReadAsync(instanceId, cancellationToken))?.State ?? started.Instance };
        }
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState?> GetStatusAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(instanceId, cancellationToken))?.State;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WorkflowEvent>?> GetHistoryAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(instanceId, cancellationToken))?.History;

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> WaitForCompletionAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default)
    {
        _ = await ReadAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException("instance", instanceId.Value);
        return (await WaitForEndAsync(instanceId, cancellationToken)).State;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> RaiseEventAsync(WorkflowInstanceId instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var current = await RunningAsync(instanceId, "takes no more events", cancellationToken);
        await _client.RaiseEventAsync(instanceId.Value, StepEngineSignal.Event, JsonSerializer.Serialize(new StepEngineSignal.PlatformEvent(eventName, payload), WorkflowJson.Options), cancellationToken);
        return current.State;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> TerminateAsync(WorkflowInstanceId instanceId, string reason, CancellationToken cancellationToken = default)
    {
        await RunningAsync(instanceId, "has already finished", cancellationToken);
        await _client.TerminateWorkflowAsync(instanceId.Value, reason, cancellationToken);
        return (await SettleTerminatedAsync(instanceId, cancellationToken)).State;
    }

    /// <summary>Waits for a terminated instance to end, indexes its end and cancels its tasks in flight; Dapr terminates child
    /// workflows along with their parent, so the same is done for each child the instance was waiting for. Answers the
    /// instance as it ended.</summary>
    private async ValueTask<DaprWorkflowFold> SettleTerminatedAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken)
    {
        var final = await WaitForEndAsync(instanceId, cancellationToken);
        await _index.PutAsync(DaprWorkflowFold.Summary(instanceId, final.State, _time.GetUtcNow()), cancellationToken);

        // Dapr ends a terminated orchestration without running it, so its tasks in flight are cancelled from here.
        var children = final.History.OfType<TaskScheduled>().Where(t => t.Workflow is not null).ToDictionary(t => t.TaskId, t => t.Workflow!, StringComparer.Ordinal);
        foreach (var taskId in WorkflowTaskCancellation.Unfinished(final.History))
        {
            if (children.TryGetValue(taskId, out var child))
            {
                var childId = WorkflowInstanceId.Parse(child.InstanceId);
                if (await ReadAsync(childId, cancellationToken) is not null)
                {
                    await SettleTerminatedAsync(childId, cancellationToken);
                }

                continue;
            }

            await _dispatcher.CancelAsync(taskId, WorkflowTaskCancellation.Terminated, cancellationToken);
        }

        return final;
    }

    /// <inheritdoc/>
    public async ValueTask PurgeAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default) =>
        await PurgeAsync(instanceId, await ReadAsync(instanceId, cancellationToken), cancellationToken);

    /// <summary>Purges an instance the caller has just read as <paramref name="instance"/> (null when Dapr does not know it),
    /// and its index entry.</summary>
    private async ValueTask PurgeAsync(WorkflowInstanceId instanceId, DaprWorkflowFold? instance, CancellationToken cancellationToken)
    {
        if (instance is not null && !IsFinished(instance.State.Status))
        {
            throw new WorkflowConflictException($"Instance '{instanceId}' is still running; terminate it before purging.");
        }

        if (instance is not null)
        {
            await _client.PurgeInstanceAsync(instanceId.Value, cancellationToken);
            if (_results is not null)
            {
                // A child workflow's outcome comes back through Dapr, never through the result store.
                await _results.ForgetAsync(instance.History.OfType<TaskScheduled>().Where(t => t.Workflow is null).Select(t => t.TaskId), cancellationToken);
            }
        }

        var indexed = await _index.RemoveAsync(instanceId, cancellationToken);
        if (instance is null && !indexed)
        {
            throw new WorkflowNotFoundException("instance", instanceId.Value);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> PurgeFinishedAsync(IReadOnlyCollection<WorkflowStatus>? statuses = null, CancellationToken cancellationToken = default)
    {
        var wanted = statuses is { Count: > 0 } ? statuses.Where(IsFinished).ToHashSet() : [WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Terminated];
        var purged = 0;
        foreach (var summary in await _index.ListAsync(cancellationToken))
        {
            if (!wanted.Contains(summary.Status))
            {
                continue;
            }

            try
            {
                await PurgeAsync(summary.InstanceId, cancellationToken);
                purged++;
            }
            catch (Exception exception) when (exception is WorkflowConflictException or WorkflowNotFoundException)
            {
                // The index lagged behind (the instance still runs) or it was purged concurrently.
            }
        }

        return purged;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstancePage> ListInstancesAsync(WorkflowStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default) =>
        WorkflowInstancePage.Of(await _index.ListAsync(cancellationToken), status, limit, after);

    /// <summary>Reads an instance from Dapr and folds its published history, or null when Dapr does not know it.</summary>
    internal async ValueTask<DaprWorkflowFold?> ReadAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken) =>
        Fold(await _client.GetWorkflowStateAsync(instanceId.Value, getInputsAndOutputs: true, cancellationToken));

    /// <summary>Starts the instance of <paramref name="request"/> and answers it with its id.</summary>
    private async ValueTask<(WorkflowStartResult Result, WorkflowInstanceId InstanceId)> StartPlannedAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        // The index entry comes first, as in the actor engine: an instance that may have started is always indexed.
        var plan = await WorkflowStartPlan.PrepareAsync(request, this, _time.GetUtcNow(), cancellationToken);
        var (instanceId, summary) = (plan.InstanceId, plan.Summary);
        var existing = await _index.AddAsync(summary, cancellationToken);
        plan.ThrowIfConflict(existing);

        var input = StartInput(plan, request.Input, TraceParents.Current());
        var created = false;

        // An indexed instance Dapr already holds is answered as read; any other is scheduled and then read.
        var instance = existing is null ? null : await ReadAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            try
            {
                await _client.ScheduleNewWorkflowAsync(StepEngineWorkflow.Name, instanceId.Value, JsonSerializer.Serialize(input, WorkflowJson.Options));
                created = existing is null;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
            {
                // Started concurrently with the same definition: the index entry says so.
            }

            instance = await ReadAsync(instanceId, cancellationToken);
        }

        return (new WorkflowStartResult(created, instance?.State ?? BeforeFirstTurn(input, summary.CreatedAt).State), instanceId);
    }

    /// <summary>Waits for an instance to end and folds its final state (the SDK reads it once the wait returns).</summary>
    private async ValueTask<DaprWorkflowFold> WaitForEndAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken) =>
        Fold(await _client.WaitForWorkflowCompletionAsync(instanceId.Value, getInputsAndOutputs: true, cancellationToken))
            ?? throw new WorkflowNotFoundException("instance", instanceId.Value);

    private static DaprWorkflowFold? Fold(WorkflowState? state)
    {
        if (state is null || !state.Exists)
        {
            return null;
        }

        var input = JsonSerializer.Deserialize<StepEngineInput>(state.ReadInputAs<string>() ?? "null", WorkflowJson.Options);
        if (input is null)
        {
            return null;
        }

        var published = state.ReadCustomStatusAs<PublishedHistory>()?.Events ?? [];
        return published.Count == 0
            ? BeforeFirstTurn(input, state.CreatedAt)
            : DaprWorkflowFold.Of(input, published, state.RuntimeStatus, state.LastUpdatedAt, state.ReadOutputAs<string>(), state.FailureDetails?.ErrorMessage);
    }

    private static DaprWorkflowFold BeforeFirstTurn(StepEngineInput input, DateTimeOffset createdAt) =>
        DaprWorkflowFold.Of(input, [DaprWorkflowFold.Started(input, createdAt)], WorkflowRuntimeStatus.Pending, createdAt, null, null);

    private async ValueTask<DaprWorkflowFold> RunningAsync(WorkflowInstanceId instanceId, string finishedMessage, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException("instance", instanceId.Value);
        return IsFinished(current.State.Status)
            ? throw new WorkflowConflictException($"Instance '{instanceId}' {finishedMessage} ({current.State.Status}).")
            : current;
    }

    private static bool IsFinished(WorkflowStatus status) =>
        status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    /// <summary>The orchestration input that starts <paramref name="plan"/>'s instance (a child's names its parent attempt).</summary>
    private StepEngineInput StartInput(WorkflowStartPlan plan, JsonElement? input, string? traceParent, string? parentTaskId = null) => new()
    {
        InstanceId = plan.InstanceId.Value,
        Definition = new StoredWorkflowDefinition(plan.Definition),
        Input = input,
        TraceParent = traceParent,
        Limits = _limits,
        ParentTaskId = parentTaskId,
    };
}
