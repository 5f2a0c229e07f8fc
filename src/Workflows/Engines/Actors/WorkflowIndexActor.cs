using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>One shard of the instance index: instance id to summary. The service adds an entry before it starts an
/// instance and the instance updates it when it finishes, so after a crash every instance that may still run is found
/// here as running.</summary>
/// <remarks>The entries are spread over <see cref="Buckets"/> keys (<c>entries-0</c> ...) by a hash of the instance
/// id, so a change rewrites one small bucket rather than the whole shard; the first call of an activation reads them
/// all.</remarks>
internal sealed class WorkflowIndexActor : Actor
{
    private const string BucketKeyPrefix = "entries-";
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
                    await SaveAsync(bucket, cancellationToken);
                    return null;
                }

            case IndexMethods.Update:
                {
                    var summary = ActorPayload.Read<WorkflowInstanceSummary>(call);
                    var bucket = BucketOf(summary.InstanceId.Value);
                    if (buckets[bucket].TryGetValue(summary.InstanceId.Value, out var existing) && existing == summary)
                    {
                        return null;
                    }

                    buckets[bucket][summary.InstanceId.Value] = summary;
                    await SaveAsync(bucket, cancellationToken);
                    return null;
                }

            case IndexMethods.Remove:
                {
                    var instanceId = ActorPayload.Read<string>(call);
                    var bucket = BucketOf(instanceId);
                    if (buckets[bucket].Remove(instanceId))
                    {
                        await SaveAsync(bucket, cancellationToken);
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

    private static string BucketKey(int bucket) => BucketKeyPrefix + bucket.ToString(CultureInfo.InvariantCulture);

    private async ValueTask<Dictionary<string, WorkflowInstanceSummary>[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (_buckets is null)
        {
            var buckets = new Dictionary<string, WorkflowInstanceSummary>[Buckets];
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                buckets[bucket] = new Dictionary<string, WorkflowInstanceSummary>(StringComparer.Ordinal);
                var (found, stored) = await StateManager.TryGetStateAsync<List<WorkflowInstanceSummary>>(BucketKey(bucket), cancellationToken);
                foreach (var summary in found && stored is not null ? stored : [])
                {
                    buckets[bucket][summary.InstanceId.Value] = summary;
                }
            }

            _buckets = buckets;
        }

        return _buckets;
    }

    private async ValueTask SaveAsync(int bucket, CancellationToken cancellationToken)
    {
        var entries = _buckets![bucket];
        if (entries.Count == 0)
        {
            StateManager.RemoveState(BucketKey(bucket));
        }
        else
        {
            StateManager.SetState(BucketKey(bucket), entries.Values.ToList());
        }

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
