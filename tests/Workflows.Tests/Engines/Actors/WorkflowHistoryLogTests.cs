using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

public sealed class WorkflowHistoryLogTests
{
    private const int PageSize = 4;
    private static readonly ActorId Instance = ActorId.Create("workflow-instance", "h-1");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InMemoryActorStateStore _store = new();

    [Fact]
    public async Task Appends_write_chunks_until_a_page_fills_then_the_page_replaces_its_chunks()
    {
        var (log, state) = await LoadAsync();
        await AppendAsync(log, state, 3);
        Assert.True(await ExistsAsync(WorkflowHistoryLog.ChunkKey(1)));
        Assert.False(await ExistsAsync(WorkflowHistoryLog.PageKey(0)));

        await AppendAsync(log, state, 2);

        Assert.True(await ExistsAsync(WorkflowHistoryLog.PageKey(0)));
        Assert.False(await ExistsAsync(WorkflowHistoryLog.ChunkKey(1)));
        Assert.False(await ExistsAsync(WorkflowHistoryLog.ChunkKey(4)));
        Assert.True(await ExistsAsync(WorkflowHistoryLog.ChunkKey(5)));
        var (reloaded, _) = await LoadAsync();
        Assert.Equal([1L, 2, 3, 4, 5], reloaded.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_partly_filled_page_of_the_earlier_layout_loads_and_is_rewritten_whole_when_it_fills()
    {
        var seed = new ActorStateManager(Instance, _store, Json);
        seed.SetState(WorkflowHistoryLog.PageKey(0), new List<WorkflowEvent> { Event(1), Event(2) });
        await seed.SaveStateAsync(TestTimeout.After());

        var (log, state) = await LoadAsync();
        Assert.Equal(2, log.Count);
        await AppendAsync(log, state, 1);
        var (afterChunk, afterChunkState) = await LoadAsync();
        Assert.Equal([1L, 2, 3], afterChunk.Events.Select(e => e.Sequence));

        await AppendAsync(afterChunk, afterChunkState, 2);

        Assert.False(await ExistsAsync(WorkflowHistoryLog.ChunkKey(3)));
        var (reloaded, _) = await LoadAsync();
        Assert.Equal([1L, 2, 3, 4, 5], reloaded.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Removal_deletes_every_page_and_chunk()
    {
        var (log, state) = await LoadAsync();
        await AppendAsync(log, state, 6);

        log.StageRemoval();
        await state.SaveStateAsync(TestTimeout.After());

        Assert.False(await ExistsAsync(WorkflowHistoryLog.PageKey(0)));
        Assert.False(await ExistsAsync(WorkflowHistoryLog.ChunkKey(5)));
        var (reloaded, _) = await LoadAsync();
        Assert.Equal(0, reloaded.Count);
    }

    [Fact]
    public async Task A_page_written_before_versioning_loads_with_its_events_upcast()
    {
        var legacy = """[{"type":"task_completed","task_id":"h-1:s1:1","seq":1,"ts":"2026-01-01T00:00:00+00:00"}]"""u8.ToArray();
        await _store.CommitAsync(Instance, [new ActorStateChange(WorkflowHistoryLog.PageKey(0), legacy)], TestTimeout.After());

        var (log, _) = await LoadAsync();

        var e = Assert.IsType<TaskCompleted>(Assert.Single(log.Events));
        Assert.Equal(WorkflowSchema.CurrentVersion, e.SchemaVersion);
        Assert.Equal("h-1:s1:1", e.TaskId);
    }

    private static TaskCompleted Event(long sequence) => new() { Sequence = sequence, TaskId = $"h-1:s{sequence}:1" };

    private static async Task AppendAsync(WorkflowHistoryLog log, ActorStateManager state, int events)
    {
        for (var i = 0; i < events; i++)
        {
            log.Add(Event(log.Count + 1));
        }

        log.Stage();
        await state.SaveStateAsync(TestTimeout.After());
    }

    private async Task<(WorkflowHistoryLog Log, ActorStateManager State)> LoadAsync()
    {
        var state = new ActorStateManager(Instance, _store, Json);
        var log = new WorkflowHistoryLog(state, PageSize);
        await log.LoadAsync(TestTimeout.After());
        return (log, state);
    }

    private async Task<bool> ExistsAsync(string key) => await _store.GetAsync(Instance, key, TestTimeout.After()) is not null;
}
