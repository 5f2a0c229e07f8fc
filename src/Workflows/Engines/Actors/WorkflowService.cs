using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>The <see cref="IWorkflowClient"/> over the runtime's actors, plus start-up recovery.</summary>
public sealed partial class WorkflowService : IWorkflowClient
{
    private readonly IActorRuntime _runtime;
    private readonly WorkflowRunnerOptions _options;
    private readonly WorkflowCompletionSignals _signals;
    private readonly ActorTaskResultSink _results;
    private readonly WorkflowIndexWriter _index;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowService> _logger;

    internal WorkflowService(
        IActorRuntime runtime,
        IOptions<WorkflowRunnerOptions> options,
        WorkflowCompletionSignals signals,
        ActorTaskResultSink results,
        WorkflowIndexWriter index,
        TimeProvider time,
        ILogger<WorkflowService> logger)
    {
        _runtime = runtime;
        _options = options.Value;
        _signals = signals;
        _results = results;
        _index = index;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask<DefinitionRegistration> RegisterDefinitionAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        WorkflowValidator.ThrowIfInvalid(definition);
        var registration = await _runtime.InvokeAsync<WorkflowDefinition, DefinitionRegistration>(
            DefinitionActor(definition.Id), DefinitionMethods.Register, definition, cancellationToken);
        if (registration.Outcome != DefinitionRegistrationOutcome.Conflict)
        {
            await _runtime.InvokeAsync(CatalogActor, DefinitionMethods.CatalogAdd, definition.Id, cancellationToken);
        }

        return registration;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowDefinition?> GetDefinitionAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        if (!ActorNames.IsValid(definitionId))
        {
            return null;
        }

        return await _runtime.InvokeAsync<int, WorkflowDefinition?>(DefinitionActor(definitionId), DefinitionMethods.Get, version ?? 0, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WorkflowDefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await _runtime.InvokeAsync<List<string>>(CatalogActor, DefinitionMethods.CatalogList, cancellationToken);
        var infos = new List<WorkflowDefinitionInfo>(ids.Count);
        foreach (var id in ids)
        {
            var versions = await _runtime.InvokeAsync<List<int>>(DefinitionActor(id), DefinitionMethods.Versions, cancellationToken);
            infos.Add(new WorkflowDefinitionInfo(id, versions));
        }

        return infos;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowStartResult> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken = default) =>
        (await StartWatchingAsync(request, watch: false, cancellationToken)).Result;

    /// <inheritdoc/>
    /// <remarks>The finish is watched from before the instance's first turn, so the start's own reply and the finish signal are the
    /// only reads a wait that ends in time makes.</remarks>
    public async ValueTask<WorkflowStartResult> StartAndWaitAsync(WorkflowStartRequest request, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var (started, instanceId, finished) = await StartWatchingAsync(request, watch: true, cancellationToken);
        if (IsFinished(started.Instance.Status))
        {
            // Finished in its first turn, or an existing instance that had finished: the final state ends this watch for every waiter.
            _signals.Finished(started.Instance);
            return started;
        }

        try
        {
            return started with { Instance = await finished!.WaitAsync(wait, _time, cancellationToken) };
        }
        catch (TimeoutException)
        {
            var now = await GetStatusAsync(instanceId, cancellationToken);
            return now is null ? started : started with { Instance = now };
        }
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState?> GetStatusAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default)
    {
        var reply = await CallInstanceAsync<object?>(instanceId, InstanceMethods.Status, null, cancellationToken);
        return reply.State;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<WorkflowEvent>?> GetHistoryAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default)
    {
        return await _runtime.InvokeAsync<List<WorkflowEvent>?>(InstanceActor(instanceId), InstanceMethods.History, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> WaitForCompletionAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default)
    {
        var finished = _signals.Watch(instanceId);
        var state = await GetStatusAsync(instanceId, cancellationToken);
        if (state is null)
        {
            _signals.Forget(instanceId, finished);
            throw new WorkflowNotFoundException("instance", instanceId.Value);
        }

        if (IsFinished(state.Status))
        {
            // Its finish may have been signalled before the watch began; the final state ends this watch for every waiter on it.
            _signals.Finished(state);
            return state;
        }

        return await finished.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> RaiseEventAsync(
        WorkflowInstanceId instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var reply = await CallExistingAsync(instanceId, InstanceMethods.RaiseEvent, new RaiseEvent(eventName, payload), cancellationToken);
        return reply.Outcome == InstanceOutcome.Conflict
            ? throw new WorkflowConflictException($"Instance '{instanceId}' has finished ({reply.State!.Status}); it takes no more events.")
            : reply.State!;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstanceState> TerminateAsync(WorkflowInstanceId instanceId, string reason, CancellationToken cancellationToken = default)
    {
        var reply = await CallExistingAsync(instanceId, InstanceMethods.Terminate, new TerminateInstance(reason), cancellationToken);
        return reply.Outcome == InstanceOutcome.Conflict
            ? throw new WorkflowConflictException($"Instance '{instanceId}' has already finished ({reply.State!.Status}).")
            : reply.State!;
    }

    /// <inheritdoc/>
    public async ValueTask PurgeAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default)
    {
        var reply = await CallInstanceAsync<object?>(instanceId, InstanceMethods.Purge, null, cancellationToken);
        switch (reply.Outcome)
        {
            case InstanceOutcome.Conflict:
                throw new WorkflowConflictException($"Instance '{instanceId}' is still running; terminate it before purging.");
            case InstanceOutcome.NotFound:
                var indexed = await _runtime.InvokeAsync<string, WorkflowInstanceSummary?>(IndexActor(instanceId), IndexMethods.Get, instanceId.Value, cancellationToken);
                await _runtime.InvokeAsync(IndexActor(instanceId), IndexMethods.Remove, instanceId.Value, cancellationToken);
                if (indexed is null)
                {
                    throw new WorkflowNotFoundException("instance", instanceId.Value);
                }

                break;
            default:
                await _runtime.InvokeAsync(IndexActor(instanceId), IndexMethods.Remove, instanceId.Value, cancellationToken);
                break;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> PurgeFinishedAsync(IReadOnlyCollection<WorkflowStatus>? statuses = null, CancellationToken cancellationToken = default)
    {
        var wanted = statuses is { Count: > 0 } ? statuses.Where(IsFinished).ToHashSet() : [WorkflowStatus.Completed, WorkflowStatus.Failed, WorkflowStatus.Terminated];
        var purged = 0;
        foreach (var summary in await ReadIndexAsync(cancellationToken))
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
            catch (WorkflowConflictException)
            {
                // The index lagged behind: the instance still runs.
            }
            catch (WorkflowNotFoundException)
            {
                // Purged concurrently.
            }
        }

        return purged;
    }

    /// <inheritdoc/>
    public async ValueTask<WorkflowInstancePage> ListInstancesAsync(
        WorkflowStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return WorkflowInstancePage.Of(await ReadIndexAsync(cancellationToken), status, limit, after);
    }

    /// <summary>Starts the instance of <paramref name="request"/> and answers it with its id; when asked to <paramref name="watch"/>, its
    /// finish is watched from before its first turn and the watch is returned.</summary>
    private async ValueTask<(WorkflowStartResult Result, WorkflowInstanceId InstanceId, Task<WorkflowInstanceState>? Finished)> StartWatchingAsync(
        WorkflowStartRequest request, bool watch, CancellationToken cancellationToken)
    {
        // The index entry comes first: after a crash, an instance that may have started is always found and resumed.
        var plan = await WorkflowStartPlan.PrepareAsync(request, this, _time.GetUtcNow(), cancellationToken);
        var (instanceId, definition, summary) = (plan.InstanceId, plan.Definition, plan.Summary);
        var existing = await _index.AddAsync(summary, cancellationToken);
        plan.ThrowIfConflict(existing);
        var finished = watch ? _signals.Watch(instanceId) : null;
        InstanceReply reply;
        try
        {
            reply = await CallInstanceAsync(instanceId, InstanceMethods.Start, new StartInstance(instanceId, definition, request.Input, TraceParents.Current()), cancellationToken);
        }
        catch when (finished is not null)
        {
            _signals.Forget(instanceId, finished);
            throw;
        }

        return (new WorkflowStartResult(existing is null && reply.Outcome == InstanceOutcome.Done, reply.State!), instanceId, finished);
    }

    private static bool IsFinished(WorkflowStatus status) =>
        status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    private static ActorId InstanceActor(WorkflowInstanceId instanceId) => ActorId.Create(WorkflowActorTypes.Instance, instanceId.Value);

    private static ActorId DefinitionActor(string definitionId) => ActorId.Create(WorkflowActorTypes.Definition, definitionId);

    private static ActorId CatalogActor { get; } = ActorId.Create(WorkflowActorTypes.Catalog, WorkflowCatalogActor.Key);

    private ActorId IndexActor(WorkflowInstanceId instanceId) => WorkflowIndexShards.ActorFor(instanceId, _options.IndexShards);

    private ValueTask<InstanceReply> CallInstanceAsync<TRequest>(WorkflowInstanceId instanceId, string method, TRequest payload, CancellationToken cancellationToken) =>
        _runtime.InvokeAsync<TRequest, InstanceReply>(InstanceActor(instanceId), method, payload, cancellationToken);

    private async ValueTask<InstanceReply> CallExistingAsync<TRequest>(WorkflowInstanceId instanceId, string method, TRequest payload, CancellationToken cancellationToken)
    {
        var reply = await CallInstanceAsync(instanceId, method, payload, cancellationToken);
        return reply.Outcome == InstanceOutcome.NotFound ? throw new WorkflowNotFoundException("instance", instanceId.Value) : reply;
    }

    private async ValueTask<List<WorkflowInstanceSummary>> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var shards = new List<WorkflowInstanceSummary>();
        for (var shard = 0; shard < _options.IndexShards; shard++)
        {
            shards.AddRange(await _runtime.InvokeAsync<List<WorkflowInstanceSummary>>(WorkflowIndexShards.Shard(shard), IndexMethods.List, cancellationToken));
        }

        return shards;
    }
}
