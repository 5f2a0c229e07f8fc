using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Adds and finishes instances in the index, with at most one call per shard in flight: the changes that arrive meanwhile
/// travel together in the shard's next call (<see cref="IndexMethods.Apply"/>), one turn and one commit.</summary>
/// <remarks>Every start adds its instance and every finish sets its summary, so under load a shard took a turn, and a commit, per
/// instance twice; as the only writer many instances wait on, it set how often the store committed. A shard's changes keep the
/// order they were handed over in, so an instance's finish never overtakes its add.</remarks>
internal sealed class WorkflowIndexWriter : IDisposable
{
    private readonly int _shards;
    private readonly ActorCallBatcher<WorkflowIndexChange, WorkflowInstanceSummary?> _changes;

    public WorkflowIndexWriter(IActorRuntime runtime, WorkflowRunnerOptions options)
    {
        _shards = options.IndexShards;
        _changes = new((shard, changes, cancellationToken) => ApplyAsync(runtime, shard, changes, cancellationToken));
    }

    /// <summary>How many shards have a call in flight.</summary>
    public int ShardsInFlight => _changes.ActorsInFlight;

    /// <summary>Adds <paramref name="summary"/> unless its id is indexed; answers the summary indexed before, or null when added.</summary>
    public Task<WorkflowInstanceSummary?> AddAsync(WorkflowInstanceSummary summary, CancellationToken cancellationToken) =>
        _changes.SendAsync(WorkflowIndexShards.ActorFor(summary.InstanceId, _shards), new(summary, Replace: false), cancellationToken);

    /// <summary>Sets <paramref name="summary"/> as its instance's entry; completes once committed.</summary>
    public Task SetAsync(WorkflowInstanceSummary summary, CancellationToken cancellationToken) =>
        _changes.SendAsync(WorkflowIndexShards.ActorFor(summary.InstanceId, _shards), new(summary, Replace: true), cancellationToken);

    /// <summary>Cancels the calls still in flight.</summary>
    public void Dispose() => _changes.Dispose();

    private static async ValueTask<IReadOnlyList<WorkflowInstanceSummary?>> ApplyAsync(
        IActorRuntime runtime, ActorId shard, IReadOnlyList<WorkflowIndexChange> changes, CancellationToken cancellationToken) =>
        await runtime.InvokeAsync<IReadOnlyList<WorkflowIndexChange>, List<WorkflowInstanceSummary?>>(shard, IndexMethods.Apply, changes, cancellationToken);
}
