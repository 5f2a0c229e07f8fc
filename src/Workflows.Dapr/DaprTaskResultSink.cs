using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Runtime.State;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;
using Grpc.Core;
using SdkClient = global::Dapr.Workflow.DaprWorkflowClient;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Delivers task results to their orchestration as the <see cref="StepEngineSignal.TaskResult"/> external event,
/// addressed by the instance part of the task id, and keeps each result by task id so delivery is idempotent.</summary>
/// <remarks>
/// <para>A result is first written to the state store (<c>wf-task-result-{task id}</c>, kept for
/// <see cref="ResultRetention"/>), then raised. Whoever would hand a task to an agent again (the dispatch activity that
/// Dapr runs a second time after a crash, or the start-up recovery) asks <see cref="TryRedeliverAsync"/> first: a task
/// with a kept result is not run again, its result is raised again instead (the orchestrator records only the first).
/// So a result lost between the write and the raise is raised later, and no task runs after its result exists.</para>
/// <para>A result for an instance that has finished or been purged is ignored, as the contract allows.</para>
/// </remarks>
public sealed class DaprTaskResultSink : IWorkflowTaskResultSink
{
    /// <summary>How long a result is kept for redelivery.</summary>
    public static readonly TimeSpan ResultRetention = TimeSpan.FromDays(7);

    /// <summary>The most deletes <see cref="ForgetAsync"/> sends in one state transaction: one round trip per batch instead
    /// of per key, and within the smallest operation limit of a Dapr transactional store (100, Azure Cosmos DB).</summary>
    public const int ForgetBatchSize = 100;

    private readonly SdkClient _client;
    private readonly IStateStore _store;

    // Tasks this process handed to an agent whose result it has not reported yet: a second hand-out in the same process
    // (the redelivered dispatch activity and the start-up recovery racing after a crash) would run the task twice at once.
    private readonly ConcurrentDictionary<string, bool> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates the sink.</summary>
    public DaprTaskResultSink(SdkClient client, IStateStore store)
    {
        _client = client;
        _store = store;
    }

    /// <inheritdoc/>
    public async ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var taskId = WorkflowTaskId.Parse(result.TaskId);
        try
        {
            await _store.SetAsync(Key(result.TaskId), JsonSerializer.SerializeToUtf8Bytes(result, WorkflowJson.Options), new StateWriteOptions(TimeToLive: ResultRetention), cancellationToken);
        }
        finally
        {
            // Only once the result is kept: a hand-out that finds the task no longer in flight then finds its result.
            _inFlight.TryRemove(result.TaskId, out _);
        }

        await RaiseAsync(taskId, result, cancellationToken);
    }

    /// <summary>Hands <paramref name="task"/> to <paramref name="dispatcher"/> unless its result already exists (then the
    /// result is raised again) or this process already handed it out and awaits its result.</summary>
    public async ValueTask DeliverAsync(WorkflowTask task, IWorkflowTaskDispatcher dispatcher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(dispatcher);

        // In flight first, kept result second (the reverse of ReportAsync): a hand-out racing a result being reported
        // either still sees the task in flight or already sees its result, never neither.
        if (!_inFlight.TryAdd(task.TaskId, true))
        {
            return;
        }

        try
        {
            if (await TryRedeliverAsync(task.TaskId, cancellationToken))
            {
                _inFlight.TryRemove(task.TaskId, out _);
                return;
            }

            await dispatcher.DispatchAsync(task, cancellationToken);
        }
        catch
        {
            _inFlight.TryRemove(task.TaskId, out _);
            throw;
        }
    }

    /// <summary>Raises the kept result of <paramref name="taskId"/> again, if there is one; false when the task has no
    /// result yet and may be handed to an agent.</summary>
    public async ValueTask<bool> TryRedeliverAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var entry = await _store.GetAsync(Key(taskId), cancellationToken);
        if (entry is null || JsonSerializer.Deserialize<WorkflowTaskResult>(entry.Value.Span, WorkflowJson.Options) is not { } result)
        {
            return false;
        }

        await RaiseAsync(WorkflowTaskId.Parse(taskId), result, cancellationToken);
        return true;
    }

    private async ValueTask RaiseAsync(WorkflowTaskId taskId, WorkflowTaskResult result, CancellationToken cancellationToken)
    {
        try
        {
            await _client.RaiseEventAsync(taskId.InstanceId.Value, StepEngineSignal.TaskResult, JsonSerializer.Serialize(result, WorkflowJson.Options), cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // The instance is gone or finished: nobody awaits this result.
        }
    }

    /// <summary>Drops the kept results of <paramref name="taskIds"/>, for an instance being purged: a later instance under the
    /// same id (a retried child workflow, a reused root id) runs tasks with the same ids, which must not find these.</summary>
    /// <remarks>The deletes go in state transactions of at most <see cref="ForgetBatchSize"/> operations each.</remarks>
    public async ValueTask ForgetAsync(IEnumerable<string> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        foreach (var batch in taskIds.Select(taskId => (StateOperation)new StateOperation.Delete(Key(taskId))).Chunk(ForgetBatchSize))
        {
            await _store.TransactAsync(batch, cancellationToken);
        }
    }

    private static string Key(string taskId) => "wf-task-result-" + taskId;
}
