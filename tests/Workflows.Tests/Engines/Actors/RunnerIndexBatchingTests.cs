using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Index changes handed to a shard while a call to it is in flight go together in its next call (<see cref="WorkflowIndexWriter"/>):
/// one turn and one commit, each caller answered for its own change. The calls cross as JSON, as they do to a Dapr actor.</summary>
public sealed class RunnerIndexBatchingTests
{
    private const int Shards = 4;
    private static readonly ActorId Shard = ActorId.Create(WorkflowActorTypes.Index, "0");
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Changes_queued_behind_a_call_share_the_next_one_in_order_and_each_caller_gets_its_own_answer()
    {
        var ids = IdsOfShardZero(4);
        await using var harness = await RunnerHarness.StartAsync();
        var held = new RecordingActorRuntime(harness.Runtime, held: true, crossAsJson: true);
        using var index = new WorkflowIndexWriter(held, new WorkflowRunnerOptions { IndexShards = Shards });

        var first = index.AddAsync(Summary(ids[0], WorkflowStatus.Running, Created), TestTimeout.After());
        var queued = ids.Skip(1).Select(id => index.AddAsync(Summary(id, WorkflowStatus.Running, Created), TestTimeout.After())).ToList();
        var again = index.AddAsync(Summary(ids[1], WorkflowStatus.Running, Created.AddHours(1)), TestTimeout.After());
        var finished = index.SetAsync(Summary(ids[2], WorkflowStatus.Completed, Created), TestTimeout.After());
        held.Release();

        Assert.Null(await first);
        Assert.All(await Task.WhenAll(queued), Assert.Null);
        Assert.Equal(Summary(ids[1], WorkflowStatus.Running, Created), await again);
        await finished;
        Assert.Equal([1, ids.Count + 1], BatchSizes(held));
        Assert.Equal(0, index.ShardsInFlight);
        Assert.Equal(
            ids.Select(id => Summary(id, id == ids[2] ? WorkflowStatus.Completed : WorkflowStatus.Running, Created)),
            await Task.WhenAll(ids.Select(id => StoredAsync(harness, id))));
        var listed = await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Instances.Select(i => i.InstanceId.Value).Order(StringComparer.Ordinal));
        Assert.Equal(ids, await PageAsync(harness, WorkflowIndexActor.BucketOf(ids[0])));
    }

    [Fact]
    public async Task A_call_whose_commit_fails_fails_only_its_callers_and_the_changes_queued_behind_it_still_land()
    {
        var ids = IdsOfShardZero(3);
        await using var harness = await RunnerHarness.StartAsync();
        var held = new RecordingActorRuntime(harness.Runtime, held: true, crossAsJson: true);
        using var index = new WorkflowIndexWriter(held, new WorkflowRunnerOptions { IndexShards = Shards });

        var refused = index.AddAsync(Summary(ids[0], WorkflowStatus.Running, Created), TestTimeout.After());
        var queued = ids.Skip(1).Select(id => index.AddAsync(Summary(id, WorkflowStatus.Running, Created), TestTimeout.After())).ToList();
        harness.FaultyStore.FailNextCommitOf(WorkflowActorTypes.Index);
        held.Release();

        await Assert.ThrowsAsync<IOException>(() => refused);
        Assert.All(await Task.WhenAll(queued), Assert.Null);
        Assert.Null(await StoredAsync(harness, ids[0]));
        Assert.Null(await index.AddAsync(Summary(ids[0], WorkflowStatus.Running, Created), TestTimeout.After()));
        Assert.Equal(
            ids.Select(id => Summary(id, WorkflowStatus.Running, Created)),
            await Task.WhenAll(ids.Select(id => StoredAsync(harness, id))));
    }

    private static WorkflowInstanceSummary Summary(string id, WorkflowStatus status, DateTimeOffset created) => new()
    {
        InstanceId = Id(id),
        DefinitionId = "waiting",
        DefinitionVersion = 1,
        Status = status,
        CreatedAt = created,
        EndedAt = status == WorkflowStatus.Completed ? created : null,
    };

    /// <summary><paramref name="count"/> ids of shard 0 that share one bucket, so a batch of them changes one page of ids.</summary>
    private static List<string> IdsOfShardZero(int count) =>
        [.. Enumerable.Range(0, 100_000).Select(n => $"batched-{n}")
            .Where(id => Id(id).ShardOf(Shards) == 0 && WorkflowIndexActor.BucketOf(id) == 0)
            .Take(count)];

    private static int[] BatchSizes(RecordingActorRuntime runtime) =>
        [.. runtime.Calls.Select(call => Assert.IsType<IReadOnlyList<WorkflowIndexChange>>(call.Request, exactMatch: false).Count)];

    private static async Task<List<string>> PageAsync(RunnerHarness harness, int bucket)
    {
        var stored = await harness.StateStore.GetAsync(Shard, $"ids-{bucket}", TestTimeout.After());
        return stored is null ? [] : JsonSerializer.Deserialize<List<string>>(stored, ActorJson.Options)!;
    }

    private static async Task<WorkflowInstanceSummary?> StoredAsync(RunnerHarness harness, string id)
    {
        var stored = await harness.StateStore.GetAsync(Shard, "entry:" + id, TestTimeout.After());
        return stored is null ? null : JsonSerializer.Deserialize<WorkflowInstanceSummary>(stored, ActorJson.Options);
    }
}
