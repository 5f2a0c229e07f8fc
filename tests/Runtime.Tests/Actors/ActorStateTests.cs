using System.Text;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class ActorStateTests
{
    private static readonly FakeActorBehavior Counter = new()
    {
        Invoke = async (actor, call, cancellationToken) =>
        {
            var count = await actor.State.GetStateOrDefaultAsync("count", 0, cancellationToken);
            switch (call.Method)
            {
                case "increment":
                    actor.State.SetState("count", count + 1);
                    actor.State.SetState("note", new Note($"at {count + 1}", [count]));
                    return count + 1;
                case "increment-then-fail":
                    actor.State.SetState("count", count + 1);
                    throw new InvalidOperationException("after writing");
                case "reset":
                    actor.State.RemoveState("count");
                    return 0;
                case "note":
                    var (found, note) = await actor.State.TryGetStateAsync<Note>("note", cancellationToken);
                    return found ? note : null;
                default:
                    return count;
            }
        },
    };

    [Fact]
    public async Task A_turn_that_throws_commits_nothing()
    {
        var store = new InMemoryActorStateStore();
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("counter", Counter));
        var id = ActorId.Create("counter", "1");
        await fixture.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.InvokeAsync(id, "increment-then-fail").AsTask().WithTimeout());

        Assert.Equal(1, await fixture.Runtime.InvokeAsync<int>(id, "get").AsTask().WithTimeout());
        Assert.Equal("1", Encoding.UTF8.GetString((await store.GetAsync(id, "count"))!));
    }

    [Fact]
    public async Task State_is_stored_as_web_json_per_actor()
    {
        var store = new InMemoryActorStateStore();
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("counter", Counter));
        var one = ActorId.Create("counter", "1");
        var two = ActorId.Create("counter", "2");

        await fixture.Runtime.InvokeAsync(one, "increment").AsTask().WithTimeout();
        await fixture.Runtime.InvokeAsync(one, "increment").AsTask().WithTimeout();
        await fixture.Runtime.InvokeAsync(two, "increment").AsTask().WithTimeout();

        Assert.Equal("""{"text":"at 2","history":[1]}""", Encoding.UTF8.GetString((await store.GetAsync(one, "note"))!));
        Assert.Equal("1", Encoding.UTF8.GetString((await store.GetAsync(two, "count"))!));
    }

    [Fact]
    public async Task Removing_state_deletes_it()
    {
        var store = new InMemoryActorStateStore();
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("counter", Counter));
        var id = ActorId.Create("counter", "1");
        await fixture.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();

        await fixture.Runtime.InvokeAsync(id, "reset").AsTask().WithTimeout();

        Assert.Null(await store.GetAsync(id, "count"));
        Assert.Equal(0, await fixture.Runtime.InvokeAsync<int>(id, "get").AsTask().WithTimeout());
    }

    [Fact]
    public async Task A_turn_without_changes_does_not_touch_the_store_and_reads_are_cached()
    {
        var store = new RecordingActorStateStore(new InMemoryActorStateStore());
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("counter", Counter));
        var id = ActorId.Create("counter", "1");
        await fixture.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();
        var (reads, commits) = (store.Reads, store.Commits);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, await fixture.Runtime.InvokeAsync<int>(id, "get").AsTask().WithTimeout());
        }

        Assert.Equal((reads, commits), (store.Reads, store.Commits));
        Assert.Equal(1, commits);
    }

    [Fact]
    public async Task A_failed_turn_makes_the_next_turn_reread_durable_state()
    {
        var store = new RecordingActorStateStore(new InMemoryActorStateStore());
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("counter", Counter));
        var id = ActorId.Create("counter", "1");
        await fixture.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();
        var readsBefore = store.Reads;

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.InvokeAsync(id, "increment-then-fail").AsTask().WithTimeout());
        Assert.Equal(1, await fixture.Runtime.InvokeAsync<int>(id, "get").AsTask().WithTimeout());

        Assert.Equal(readsBefore + 1, store.Reads);
    }

    [Fact]
    public async Task A_committed_turn_survives_a_restart_over_the_same_sqlite_file()
    {
        using var directory = new TempDirectory();
        var id = ActorId.Create("counter", "durable");
        await using (var first = RuntimeFixture.Sqlite(directory.DatabasePath, types: FakeActor.Type("counter", Counter)))
        {
            await first.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();
            await first.Runtime.InvokeAsync(id, "increment").AsTask().WithTimeout();
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.Runtime.InvokeAsync(id, "increment-then-fail").AsTask().WithTimeout());
        }

        await using var second = RuntimeFixture.Sqlite(directory.DatabasePath, types: FakeActor.Type("counter", Counter));

        Assert.Equal(2, await second.Runtime.InvokeAsync<int>(id, "get").AsTask().WithTimeout());
        Assert.Equal(new Note("at 2", [1]), await second.Runtime.InvokeAsync<Note>(id, "note").AsTask().WithTimeout());
    }

    [Fact]
    public async Task Many_actors_commit_concurrently_through_group_commit()
    {
        using var directory = new TempDirectory();
        await using (var first = RuntimeFixture.Sqlite(directory.DatabasePath, types: FakeActor.Type("counter", Counter)))
        {
            var calls = Enumerable.Range(0, 200)
                .SelectMany(actor => Enumerable.Range(0, 5).Select(_ => ActorId.Create("counter", $"a{actor}")))
                .Select(id => first.Runtime.InvokeAsync(id, "increment").AsTask());
            await Task.WhenAll(calls).WithTimeout();
        }

        using var database = new SqliteDatabase(directory.DatabasePath);
        var durable = new SqliteActorStateStore(database);
        for (var actor = 0; actor < 200; actor++)
        {
            Assert.Equal("5", Encoding.UTF8.GetString((await durable.GetAsync(ActorId.Create("counter", $"a{actor}"), "count"))!));
        }
    }

    [Fact]
    public async Task Save_state_commits_in_the_middle_of_a_turn()
    {
        var store = new InMemoryActorStateStore();
        var behavior = new FakeActorBehavior
        {
            Invoke = async (actor, _, cancellationToken) =>
            {
                actor.State.SetState("saved", "yes");
                await actor.State.SaveStateAsync(cancellationToken);
                actor.State.SetState("lost", "yes");
                throw new InvalidOperationException("late failure");
            },
        };
        await using var fixture = RuntimeFixture.InMemory(store: store, types: FakeActor.Type("saver", behavior));
        var id = ActorId.Create("saver", "1");

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Runtime.InvokeAsync(id, "x").AsTask().WithTimeout());

        Assert.NotNull(await store.GetAsync(id, "saved"));
        Assert.Null(await store.GetAsync(id, "lost"));
    }

    public sealed record Note(string Text, IReadOnlyList<int> History)
    {
        public bool Equals(Note? other) => other is not null && Text == other.Text && History.SequenceEqual(other.History);

        public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);
    }
}
