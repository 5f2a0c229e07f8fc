using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>One shard of the instance index: instance id to summary. The service adds an entry before it starts an
/// instance and the instance updates it when it finishes, so after a crash every instance that may still run is found
/// here as running.</summary>
/// <remarks>Each summary is a key of its own (<c>entry:</c> and the instance id), so a finish rewrites one summary. The ids
/// are spread over <see cref="Buckets"/> keys (<c>ids-0</c> ...) by a hash of the instance id, so adding or removing one
/// rewrites one small list of ids; the first call of an activation reads them all. A shard stored by an earlier version,
/// whole summaries in each bucket (<c>entries-0</c> ...), is moved into this shape by the first activation that finds it.</remarks>
internal sealed class WorkflowIndexActor : Actor
{
    private const string IdsKeyPrefix = "ids-";
    private const string EntryKeyPrefix = "entry:";
    private const string LegacyBucketKeyPrefix = "entries-";
    private const int Buckets = 64;
    private Dictionary<string, WorkflowInstanceSummary>[]? _buckets;

    public WorkflowIndexActor(ActorHost host)
        : base(host)
    {
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var buckets = await LoadAsync(cancellationToken);
        switch (call.Method)
        {
            case IndexMethods.Add:
                {
                    var summary = ActorPayload.Read<WorkflowInstanceSummary>(call);
                    var bucket = BucketOf(summary.InstanceId.Value);
                    if (buckets[bucket].TryGetValue(summary.InstanceId.Value, out var existing))
                    {
                        return existing;
                    }

                    buckets[bucket][summary.InstanceId.Value] = summary;
                    StateManager.SetState(EntryKey(summary.InstanceId.Value), summary);
                    SetIds(bucket);
                    await SaveAsync(cancellationToken);
                    return null;
                }

            case IndexMethods.Update:
                {
                    var summary = ActorPayload.Read<WorkflowInstanceSummary>(call);
                    var bucket = BucketOf(summary.InstanceId.Value);
                    var known = buckets[bucket].TryGetValue(summary.InstanceId.Value, out var existing);
                    if (known && existing == summary)
                    {
                        return null;
                    }

                    buckets[bucket][summary.InstanceId.Value] = summary;
                    StateManager.SetState(EntryKey(summary.InstanceId.Value), summary);
                    if (!known)
                    {
                        SetIds(bucket);
                    }

                    await SaveAsync(cancellationToken);
                    return null;
                }

            case IndexMethods.Remove:
                {
                    var instanceId = ActorPayload.Read<string>(call);
                    var bucket = BucketOf(instanceId);
                    if (buckets[bucket].Remove(instanceId))
                    {
                        StateManager.RemoveState(EntryKey(instanceId));
                        SetIds(bucket);
                        await SaveAsync(cancellationToken);
                    }

                    return null;
                }

            case IndexMethods.Get:
                {
                    var instanceId = ActorPayload.Read<string>(call);
                    return buckets[BucketOf(instanceId)].GetValueOrDefault(instanceId);
                }

            case IndexMethods.List:
                return buckets.SelectMany(b => b.Values).ToList();
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    /// <summary>A hash other than the shard's, so the entries of one shard spread over all its buckets.</summary>
    private static int BucketOf(string instanceId)
    {
        var hash = 5381u;
        foreach (var c in instanceId)
        {
            hash = (hash * 33u) ^ c;
        }

        return (int)(hash % Buckets);
    }

    private static string IdsKey(int bucket) => IdsKeyPrefix + bucket.ToString(CultureInfo.InvariantCulture);

    private static string EntryKey(string instanceId) => EntryKeyPrefix + instanceId;

    private void SetIds(int bucket)
    {
        var entries = _buckets![bucket];
        if (entries.Count == 0)
        {
            StateManager.RemoveState(IdsKey(bucket));
        }
        else
        {
            StateManager.SetState(IdsKey(bucket), entries.Keys.ToList());
        }
    }

    private async ValueTask<Dictionary<string, WorkflowInstanceSummary>[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (_buckets is null)
        {
            var buckets = new Dictionary<string, WorkflowInstanceSummary>[Buckets];
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                buckets[bucket] = await LoadBucketAsync(bucket, cancellationToken);
            }

            _buckets = buckets;

            // Only a shard without ids can be one stored whole by an earlier version, so a populated one skips the 64 reads.
            if (Array.TrueForAll(buckets, bucket => bucket.Count == 0) && await MoveLegacyBucketsAsync(cancellationToken))
            {
                await SaveAsync(cancellationToken);
            }
        }

        return _buckets;
    }

    private async ValueTask<Dictionary<string, WorkflowInstanceSummary>> LoadBucketAsync(int bucket, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, WorkflowInstanceSummary>(StringComparer.Ordinal);
        var (found, ids) = await StateManager.TryGetStateAsync<List<string>>(IdsKey(bucket), cancellationToken);
        foreach (var instanceId in found && ids is not null ? ids : [])
        {
            if (await StateManager.TryGetStateAsync<WorkflowInstanceSummary>(EntryKey(instanceId), cancellationToken) is (true, { } summary))
            {
                entries[instanceId] = summary;
            }
        }

        return entries;
    }

    /// <summary>Moves the summaries an earlier version kept whole per bucket to keys of their own; true when there were any.
    /// The move commits with the next save, all or none.</summary>
    private async ValueTask<bool> MoveLegacyBucketsAsync(CancellationToken cancellationToken)
    {
        var changed = new SortedSet<int>();
        var moved = false;
        for (var legacy = 0; legacy < Buckets; legacy++)
        {
            var legacyKey = LegacyBucketKeyPrefix + legacy.ToString(CultureInfo.InvariantCulture);
            var (found, stored) = await StateManager.TryGetStateAsync<List<WorkflowInstanceSummary>>(legacyKey, cancellationToken);
            if (!found)
            {
                continue;
            }

            moved = true;
            StateManager.RemoveState(legacyKey);
            foreach (var summary in stored ?? [])
            {
                var bucket = BucketOf(summary.InstanceId.Value);
                _buckets![bucket][summary.InstanceId.Value] = summary;
                StateManager.SetState(EntryKey(summary.InstanceId.Value), summary);
                changed.Add(bucket);
            }
        }

        foreach (var bucket in changed)
        {
            SetIds(bucket);
        }

        return moved;
    }

    private async ValueTask SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StateManager.SaveStateAsync(cancellationToken);
        }
        catch
        {
            _buckets = null;
            throw;
        }
    }
}
