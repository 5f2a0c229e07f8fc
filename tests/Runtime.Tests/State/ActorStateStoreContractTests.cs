using System.Text;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.State;

/// <summary>The behaviour every <see cref="IActorStateStore"/> must show; derive once per implementation.</summary>
public abstract class ActorStateStoreContractTests
{
    private static readonly ActorId Alice = ActorId.Create("agent", "alice");
    private static readonly ActorId Bob = ActorId.Create("agent", "bob");

    /// <summary>Creates an empty store.</summary>
    protected abstract IActorStateStore CreateStore();

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync(Alice, "nothing", TestTimeout.After()));
    }

    [Fact]
    public async Task A_commit_writes_and_deletes_every_change_of_the_actor()
    {
        var store = CreateStore();
        await store.CommitAsync(Alice, [Change("keep", "1"), Change("drop", "2")]);

        await store.CommitAsync(Alice, [Change("keep", "3"), new ActorStateChange("drop", null), Change("new", "4")]);

        Assert.Equal("3", await Read(store, Alice, "keep"));
        Assert.Null(await Read(store, Alice, "drop"));
        Assert.Equal("4", await Read(store, Alice, "new"));
    }

    [Fact]
    public async Task State_is_scoped_per_actor()
    {
        var store = CreateStore();

        await store.CommitAsync(Alice, [Change("k", "alice")]);
        await store.CommitAsync(Bob, [Change("k", "bob")]);

        Assert.Equal("alice", await Read(store, Alice, "k"));
        Assert.Equal("bob", await Read(store, Bob, "k"));
        Assert.Null(await Read(store, ActorId.Create("other", "alice"), "k"));
    }

    [Fact]
    public async Task An_empty_commit_is_allowed_and_changes_nothing()
    {
        var store = CreateStore();
        await store.CommitAsync(Alice, [Change("k", "v")]);

        await store.CommitAsync(Alice, []);

        Assert.Equal("v", await Read(store, Alice, "k"));
    }

    [Fact]
    public async Task Values_read_back_byte_for_byte_whatever_their_size_and_keys_their_script_or_length()
    {
        var store = CreateStore();
        var large = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
        var longKey = new string('k', 600) + "-ключ";
        var actor = ActorId.Create("agent", "ünïcode-" + new string('a', 200));

        await store.CommitAsync(actor, [new ActorStateChange("empty", []), new ActorStateChange("large", large), new ActorStateChange(longKey, [1, 2, 3])]);

        Assert.Equal(Array.Empty<byte>(), await store.GetAsync(actor, "empty", TestTimeout.After()));
        Assert.Equal(large, await store.GetAsync(actor, "large", TestTimeout.After()));
        Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync(actor, longKey, TestTimeout.After()));
        Assert.Null(await store.GetAsync(actor, longKey[..^1], TestTimeout.After()));
    }

    private static ActorStateChange Change(string key, string json) => new(key, Encoding.UTF8.GetBytes(json));

    private static async Task<string?> Read(IActorStateStore store, ActorId actor, string key) =>
        await store.GetAsync(actor, key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
