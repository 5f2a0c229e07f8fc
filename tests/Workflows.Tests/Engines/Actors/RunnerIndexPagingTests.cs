using System.Globalization;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>The instance index keeps each bucket's ids in pages (<see cref="WorkflowIndexBucket"/>), so a start rewrites one page of
/// ids however many instances the index keeps, and what was stored before pages still lists.</summary>
public sealed class RunnerIndexPagingTests
{
    private const int Shards = 4;
    private const int PageSize = WorkflowIndexBucket.PageSize;

    /// <summary>The bucket of shard 0 the tests fill.</summary>
    private const int Bucket = 0;

    private static readonly ActorId Shard = ActorId.Create(WorkflowActorTypes.Index, "0");

    [Fact]
    public async Task Ids_past_one_page_go_to_the_next_a_restart_lists_them_all_and_a_purge_frees_room_the_next_start_takes()
    {
        var ids = IdsInOneBucket(PageSize + 6 + 2);
        await using var harness = await StartedAsync(ids.Take(PageSize + 6));

        Assert.Equal(ids.Take(PageSize), await PageAsync(harness, 0));
        Assert.Equal(ids.Skip(PageSize).Take(6), await PageAsync(harness, 1));

        await harness.RestartAsync();
        Assert.Equal(ids.Take(PageSize + 6).Order(StringComparer.Ordinal), await ListedAsync(harness));

        await harness.Workflows.TerminateAsync(Id(ids[3]), "make room", TestTimeout.After());
        await harness.Workflows.PurgeAsync(Id(ids[3]), TestTimeout.After());
        await StartAsync(harness, [ids[^2]]);
        Assert.Contains(ids[^2], await PageAsync(harness, 0));
        Assert.DoesNotContain(ids[3], await PageAsync(harness, 0));
        Assert.Equal(6, (await PageAsync(harness, 1)).Count);
    }

    [Fact]
    public async Task A_bucket_stored_whole_by_the_previous_version_lists_and_takes_new_ids_on_a_page_of_their_own()
    {
        var ids = IdsInOneBucket(PageSize + 3 + 1);
        await using var harness = await StartedAsync(ids.Take(PageSize + 3));

        await harness.RestartAsync(beforeResume: () => harness.StateStore.CommitAsync(
            Shard,
            [
                new(PageKey(Bucket, 0), JsonSerializer.SerializeToUtf8Bytes(ids.Take(PageSize + 3).ToList(), ActorJson.Options)),
                new(PageKey(Bucket, 1), null),
            ],
            TestTimeout.After()).AsTask());

        Assert.Equal(ids.Take(PageSize + 3).Order(StringComparer.Ordinal), await ListedAsync(harness));
        await StartAsync(harness, [ids[^1]]);
        Assert.Equal(PageSize + 3, (await PageAsync(harness, 0)).Count);
        Assert.Equal([ids[^1]], await PageAsync(harness, 1));
    }

    [Fact]
    public async Task A_start_whose_index_commit_fails_leaves_no_id_on_its_page_and_a_retry_adds_it_once()
    {
        var ids = IdsInOneBucket(3);
        await using var harness = await StartedAsync(ids.Take(2));

        harness.FaultyStore.FailNextCommitOf(WorkflowActorTypes.Index);
        await Assert.ThrowsAsync<IOException>(() => StartAsync(harness, [ids[2]]));
        Assert.Equal(ids.Take(2), await PageAsync(harness, 0));
        Assert.Null(await harness.Workflows.GetStatusAsync(Id(ids[2]), TestTimeout.After()));

        await StartAsync(harness, [ids[2]]);
        Assert.Equal(ids, await PageAsync(harness, 0));
        Assert.Equal(ids.Order(StringComparer.Ordinal), await ListedAsync(harness));
    }

    /// <summary>A runner on fresh files with the <c>waiting</c> definition registered and an instance started for each of <paramref name="ids"/>.</summary>
    private static async Task<RunnerHarness> StartedAsync(IEnumerable<string> ids)
    {
        var harness = await RunnerHarness.StartAsync();
        try
        {
            await harness.RegisterAsync(RunnerOperationsTests.Waiting);
            await StartAsync(harness, ids);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>The ids of every instance the index lists, in ordinal order.</summary>
    private static async Task<List<string>> ListedAsync(RunnerHarness harness) =>
        [.. (await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After())).Instances.Select(i => i.InstanceId.Value).Order(StringComparer.Ordinal)];

    private static async Task StartAsync(RunnerHarness harness, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id(id) }, TestTimeout.After());
        }
    }

    /// <summary><paramref name="count"/> instance ids that fall in <see cref="Bucket"/> of <see cref="Shard"/>.</summary>
    private static List<string> IdsInOneBucket(int count) =>
        [.. Enumerable.Range(0, 1_000_000).Select(n => $"paged-{n}")
            .Where(id => Id(id).ShardOf(Shards) == 0 && WorkflowIndexActor.BucketOf(id) == Bucket)
            .Take(count)];

    private static string PageKey(int bucket, int page) =>
        page == 0 ? $"ids-{bucket}" : string.Create(CultureInfo.InvariantCulture, $"ids-{bucket}.{page}");

    private static async Task<List<string>> PageAsync(RunnerHarness harness, int page)
    {
        var stored = await harness.StateStore.GetAsync(Shard, PageKey(Bucket, page), TestTimeout.After());
        return stored is null ? [] : JsonSerializer.Deserialize<List<string>>(stored, ActorJson.Options)!;
    }
}
