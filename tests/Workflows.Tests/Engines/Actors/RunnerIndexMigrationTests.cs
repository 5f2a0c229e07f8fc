using System.Globalization;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>An instance index stored by an earlier version, whole summaries per bucket, still lists, pages and updates.</summary>
public sealed class RunnerIndexMigrationTests
{
    private const int Shards = 4;

    [Fact]
    public async Task An_index_written_whole_per_bucket_is_moved_to_one_key_per_instance_and_lists_the_same()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(RunnerOperationsTests.Waiting);
        foreach (var id in new[] { "m-1", "m-2", "m-3" })
        {
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id(id) }, TestTimeout.After());
        }

        await harness.Workflows.RaiseEventAsync(Id("m-1"), "go", null, TestTimeout.After());
        await harness.Workflows.WaitForCompletionAsync(Id("m-1"), TestTimeout.After());
        var before = (await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After())).Instances;

        await harness.RestartAsync(beforeResume: () => RewriteInLegacyShapeAsync(harness.StateStore, before));

        var after = await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After());
        Assert.Equal(before, after.Instances);
        var firstPage = await harness.Workflows.ListInstancesAsync(limit: 2, cancellationToken: TestTimeout.After());
        Assert.Equal(["m-1", "m-2"], firstPage.Instances.Select(i => i.InstanceId.Value));
        foreach (var summary in before)
        {
            var shard = Shard(summary.InstanceId);
            Assert.NotNull(await harness.StateStore.GetAsync(shard, "entry:" + summary.InstanceId.Value, TestTimeout.After()));
            Assert.Null(await harness.StateStore.GetAsync(shard, "entries-0", TestTimeout.After()));
        }

        await harness.Workflows.RaiseEventAsync(Id("m-3"), "go", null, TestTimeout.After());
        await harness.Workflows.WaitForCompletionAsync(Id("m-3"), TestTimeout.After());
        var completed = await harness.Workflows.ListInstancesAsync(WorkflowStatus.Completed, cancellationToken: TestTimeout.After());
        Assert.Equal(["m-1", "m-3"], completed.Instances.Select(i => i.InstanceId.Value));
    }

    private static ActorId Shard(WorkflowInstanceId instanceId) =>
        ActorId.Create(WorkflowActorTypes.Index, instanceId.ShardOf(Shards).ToString(CultureInfo.InvariantCulture));

    /// <summary>Stores each shard's summaries as one list under <c>entries-0</c> and removes the per-instance shape.</summary>
    private static async Task RewriteInLegacyShapeAsync(IActorStateStore store, IReadOnlyList<WorkflowInstanceSummary> summaries)
    {
        foreach (var shard in summaries.GroupBy(s => Shard(s.InstanceId)))
        {
            var changes = new List<ActorStateChange>
            {
                new("entries-0", JsonSerializer.SerializeToUtf8Bytes(shard.ToList(), ActorJson.Options)),
            };
            changes.AddRange(shard.Select(s => new ActorStateChange("entry:" + s.InstanceId.Value, null)));
            changes.AddRange(Enumerable.Range(0, 64).Select(b => new ActorStateChange("ids-" + b.ToString(CultureInfo.InvariantCulture), null)));
            await store.CommitAsync(shard.Key, changes, TestTimeout.After());
        }
    }
}
