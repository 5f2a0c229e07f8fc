using System.Globalization;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The platform's own instance index in the state store: summaries in a few shard documents, so listing by
/// status is a handful of reads and concurrent writers rarely meet on one ETag.</summary>
public sealed class DaprWorkflowIndex
{
    private const int Shards = 8;
    private readonly StateDocuments _documents;

    internal DaprWorkflowIndex(StateDocuments documents) => _documents = documents;

    /// <summary>Adds a summary unless the instance is already indexed; answers the existing summary, or null if added.</summary>
    public ValueTask<WorkflowInstanceSummary?> AddAsync(WorkflowInstanceSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return _documents.UpdateAsync<Dictionary<string, WorkflowInstanceSummary>, WorkflowInstanceSummary?>(
            Key(summary.InstanceId),
            shard =>
            {
                shard ??= new Dictionary<string, WorkflowInstanceSummary>(StringComparer.Ordinal);
                if (shard.TryGetValue(summary.InstanceId.Value, out var existing))
                {
                    return (null, existing);
                }

                shard[summary.InstanceId.Value] = summary;
                return (shard, null);
            },
            cancellationToken);
    }

    /// <summary>Writes a summary, keeping the creation time already indexed.</summary>
    public async ValueTask PutAsync(WorkflowInstanceSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await _documents.UpdateAsync<Dictionary<string, WorkflowInstanceSummary>, bool>(
            Key(summary.InstanceId),
            shard =>
            {
                shard ??= new Dictionary<string, WorkflowInstanceSummary>(StringComparer.Ordinal);
                shard[summary.InstanceId.Value] = shard.TryGetValue(summary.InstanceId.Value, out var existing) ? summary with { CreatedAt = existing.CreatedAt } : summary;
                return (shard, true);
            },
            cancellationToken);
    }

    /// <summary>Removes an instance; answers whether it was indexed.</summary>
    public ValueTask<bool> RemoveAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken) =>
        _documents.UpdateAsync<Dictionary<string, WorkflowInstanceSummary>, bool>(
            Key(instanceId),
            shard => shard is not null && shard.Remove(instanceId.Value) ? (shard, true) : (null, false),
            cancellationToken);

    /// <summary>Reads every summary.</summary>
    public async ValueTask<List<WorkflowInstanceSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<WorkflowInstanceSummary>();
        for (var shard = 0; shard < Shards; shard++)
        {
            var entries = await _documents.ReadAsync<Dictionary<string, WorkflowInstanceSummary>>(ShardKey(shard), cancellationToken);
            if (entries is not null)
            {
                all.AddRange(entries.Values);
            }
        }

        return all;
    }

    private static string Key(WorkflowInstanceId instanceId) => ShardKey(instanceId.ShardOf(Shards));

    private static string ShardKey(int shard) => "wf-index-" + shard.ToString(CultureInfo.InvariantCulture);
}
