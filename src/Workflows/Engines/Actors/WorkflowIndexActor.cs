using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>One shard of the instance index: instance id to summary. The service adds an entry before it starts an
/// instance and the instance updates it when it finishes, so after a crash every instance that may still run is found
/// here as running.</summary>
/// <remarks>Each summary is a key of its own (<c>entry:</c> and the instance id), so a finish rewrites one summary. The ids
/// are spread over <see cref="Buckets"/> buckets by a hash of the instance id, and each bucket keeps them in pages of at most
/// <see cref="WorkflowIndexBucket.PageSize"/> (<c>ids-0</c>, <c>ids-0.1</c> ...), so adding or removing one rewrites one small
/// page however many instances the index keeps; the first call of an activation reads them all. A bucket stored by the previous
/// version, all its ids in <c>ids-0</c>, is read as its first page. A shard stored by an earlier version, whole summaries in each
/// bucket (<c>entries-0</c> ...), is moved into this shape by the first activation that finds it.</remarks>
internal sealed class WorkflowIndexActor : Actor
{
    private const string IdsKeyPrefix = "ids-";
    private const string EntryKeyPrefix = "entry:";
    private const string LegacyBucketKeyPrefix = "entries-";
    private const int Buckets = 64;
    private WorkflowIndexBucket[]? _buckets;

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
                return (await ApplyAsync(buckets, [new(ActorPayload.Read<WorkflowInstanceSummary>(call), Replace: false)], cancellationToken))[0];
            case IndexMethods.Update:
                await ApplyAsync(buckets, [new(ActorPayload.Read<WorkflowInstanceSummary>(call), Replace: true)], cancellationToken);
                return null;
            case IndexMethods.Apply:
                return await ApplyAsync(buckets, ActorPayload.Read<IReadOnlyList<WorkflowIndexChange>>(call), cancellationToken);
            case IndexMethods.Remove:
                {
                    var instanceId = ActorPayload.Read<string>(call);
                    var bucket = BucketOf(instanceId);
                    var changed = buckets[bucket].Remove(instanceId);
                    if (changed.Count > 0)
                    {
                        StateManager.RemoveState(EntryKey(instanceId));
                        foreach (var page in changed)
                        {
                            SetPage(bucket, page);
                        }

                        await SaveAsync(cancellationToken);
                    }

                    return null;
                }

            case IndexMethods.Get:
                {
                    var instanceId = ActorPayload.Read<string>(call);
                    return buckets[BucketOf(instanceId)].Entries.GetValueOrDefault(instanceId);
                }

            case IndexMethods.List:
                return buckets.SelectMany(b => b.Entries.Values).ToList();
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    /// <summary>Applies <paramref name="changes"/> in order and commits them together; answers, per change, the summary an add found
    /// already present (null when it added, and for every replace).</summary>
    /// <remarks>A page that several new ids of the batch went to is staged once, as it is after the last of them.</remarks>
    private async ValueTask<List<WorkflowInstanceSummary?>> ApplyAsync(
        WorkflowIndexBucket[] buckets, IReadOnlyList<WorkflowIndexChange> changes, CancellationToken cancellationToken)
    {
        var replies = new List<WorkflowInstanceSummary?>(changes.Count);
        var pages = new HashSet<(int Bucket, int Page)>();
        var changed = false;
        foreach (var change in changes)
        {
            var id = change.Summary.InstanceId.Value;
            var present = change.Replace ? null : buckets[BucketOf(id)].Entries.GetValueOrDefault(id);
            changed |= present is null && Set(buckets, change.Summary, pages);
            replies.Add(present);
        }

        foreach (var (bucket, page) in pages)
        {
            SetPage(bucket, page);
        }

        if (changed)
        {
            await SaveAsync(cancellationToken);
        }

        return replies;
    }

    /// <summary>Stages <paramref name="summary"/> as its id's entry; an id new to its bucket takes a place on a page, noted in
    /// <paramref name="pages"/>. False when the entry already is this summary.</summary>
    private bool Set(WorkflowIndexBucket[] buckets, WorkflowInstanceSummary summary, HashSet<(int Bucket, int Page)> pages)
    {
        var id = summary.InstanceId.Value;
        var bucket = BucketOf(id);
        var known = buckets[bucket].Entries.TryGetValue(id, out var existing);
        if (known && existing == summary)
        {
            return false;
        }

        var page = buckets[bucket].Add(summary);
        if (!known)
        {
            pages.Add((bucket, page));
        }

        StateManager.SetState(EntryKey(id), summary);
        return true;
    }

    /// <summary>A hash other than the shard's, so the entries of one shard spread over all its buckets.</summary>
    internal static int BucketOf(string instanceId)
    {
        var hash = 5381u;
        foreach (var c in instanceId)
        {
            hash = (hash * 33u) ^ c;
        }

        return (int)(hash % Buckets);
    }

    /// <summary>The key of a bucket's page: <c>ids-7</c> for the first (the key the previous version kept all of a bucket's ids in),
    /// <c>ids-7.1</c> and on for the next.</summary>
    private static string PageKey(int bucket, int page) =>
        page == 0
            ? IdsKeyPrefix + bucket.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{IdsKeyPrefix}{bucket}.{page}");

    private static string EntryKey(string instanceId) => EntryKeyPrefix + instanceId;

    /// <summary>Stages <paramref name="page"/> of <paramref name="bucket"/> as it now is: a copy of its ids (the state manager may keep
    /// what it is given, and the page changes with later turns), or no key once it was dropped.</summary>
    private void SetPage(int bucket, int page)
    {
        var entries = _buckets![bucket];
        if (entries.HasPage(page))
        {
            StateManager.SetState(PageKey(bucket, page), entries.Page(page).ToList());
        }
        else
        {
            StateManager.RemoveState(PageKey(bucket, page));
        }
    }

    private async ValueTask<WorkflowIndexBucket[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (_buckets is null)
        {
            var buckets = new WorkflowIndexBucket[Buckets];
            for (var bucket = 0; bucket < Buckets; bucket++)
            {
                buckets[bucket] = await LoadBucketAsync(bucket, cancellationToken);
            }

            _buckets = buckets;

            // Only a shard without ids can be one stored whole by an earlier version, so a populated one skips the 64 reads.
            if (Array.TrueForAll(buckets, bucket => bucket.Entries.Count == 0) && await MoveLegacyBucketsAsync(cancellationToken))
            {
                await SaveAsync(cancellationToken);
            }
        }

        return _buckets;
    }

    private async ValueTask<WorkflowIndexBucket> LoadBucketAsync(int bucket, CancellationToken cancellationToken)
    {
        var pages = new List<List<string>>();
        while (await StateManager.TryGetStateAsync<List<string>>(PageKey(bucket, pages.Count), cancellationToken) is (true, var ids))
        {
            pages.Add(ids ?? []);
        }

        var entries = new WorkflowIndexBucket(pages);
        foreach (var instanceId in pages.SelectMany(page => page))
        {
            if (await StateManager.TryGetStateAsync<WorkflowInstanceSummary>(EntryKey(instanceId), cancellationToken) is (true, { } summary))
            {
                entries.Add(summary);
            }
        }

        return entries;
    }

    /// <summary>Moves the summaries an earlier version kept whole per bucket to keys of their own; true when there were any.
    /// The move commits with the next save, all or none.</summary>
    private async ValueTask<bool> MoveLegacyBucketsAsync(CancellationToken cancellationToken)
    {
        var changed = new SortedSet<(int Bucket, int Page)>();
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
                changed.Add((bucket, _buckets![bucket].Add(summary)));
                StateManager.SetState(EntryKey(summary.InstanceId.Value), summary);
            }
        }

        foreach (var (bucket, page) in changed)
        {
            SetPage(bucket, page);
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
