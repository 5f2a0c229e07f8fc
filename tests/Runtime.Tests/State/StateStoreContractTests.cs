using System.Text;
using AgentPlatform.Runtime.State;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.State;

/// <summary>The behaviour every <see cref="IStateStore"/> must show; derive once per implementation.</summary>
public abstract class StateStoreContractTests
{
    /// <summary>Creates an empty store whose TTLs are measured on <paramref name="time"/>.</summary>
    protected abstract IStateStore CreateStore(TimeProvider time);

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        var store = CreateStore(new ManualTimeProvider());

        Assert.Null(await store.GetAsync("nothing", TestTimeout.After()));
    }

    [Fact]
    public async Task A_written_value_reads_back_with_its_etag()
    {
        var store = CreateStore(new ManualTimeProvider());

        var etag = await store.SetAsync("k", Bytes("v1"), cancellationToken: TestTimeout.After());
        var entry = await store.GetAsync("k");

        Assert.NotNull(entry);
        Assert.Equal("k", entry.Key);
        Assert.Equal("v1", Text(entry.Value));
        Assert.Equal(etag, entry.ETag);
    }

    [Fact]
    public async Task Every_write_gets_a_new_etag()
    {
        var store = CreateStore(new ManualTimeProvider());

        var first = await store.SetAsync("k", Bytes("v1"));
        var second = await store.SetAsync("k", Bytes("v2"));
        await store.DeleteAsync("k");
        var third = await store.SetAsync("k", Bytes("v3"));

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
    }

    [Fact]
    public async Task A_stale_etag_is_rejected_and_the_stored_value_is_intact()
    {
        var store = CreateStore(new ManualTimeProvider());
        var stale = await store.SetAsync("k", Bytes("v1"));
        var current = await store.SetAsync("k", Bytes("v2"));

        var error = await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync("k", Bytes("lost"), new StateWriteOptions(stale)).AsTask());

        Assert.Equal("k", error.Key);
        var entry = await store.GetAsync("k");
        Assert.Equal("v2", Text(entry!.Value));
        Assert.Equal(current, entry.ETag);
    }

    [Fact]
    public async Task The_current_etag_allows_the_write()
    {
        var store = CreateStore(new ManualTimeProvider());
        var current = await store.SetAsync("k", Bytes("v1"));

        var next = await store.SetAsync("k", Bytes("v2"), new StateWriteOptions(current));

        Assert.Equal("v2", Text((await store.GetAsync("k"))!.Value));
        Assert.NotEqual(current, next);
    }

    [Fact]
    public async Task An_etag_for_a_missing_key_is_rejected()
    {
        var store = CreateStore(new ManualTimeProvider());

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync("k", Bytes("v"), new StateWriteOptions("1")).AsTask());

        Assert.Null(await store.GetAsync("k"));
    }

    [Fact]
    public async Task First_write_without_etag_only_inserts()
    {
        var store = CreateStore(new ManualTimeProvider());
        var firstWrite = new StateWriteOptions(Concurrency: StateConcurrency.FirstWrite);

        await store.SetAsync("k", Bytes("first"), firstWrite);
        await Assert.ThrowsAsync<ETagMismatchException>(() => store.SetAsync("k", Bytes("second"), firstWrite).AsTask());

        Assert.Equal("first", Text((await store.GetAsync("k"))!.Value));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_rejected_and_without_one_always_succeeds()
    {
        var store = CreateStore(new ManualTimeProvider());
        var stale = await store.SetAsync("k", Bytes("v1"));
        var current = await store.SetAsync("k", Bytes("v2"));

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.DeleteAsync("k", stale).AsTask());
        Assert.NotNull(await store.GetAsync("k"));

        await store.DeleteAsync("k", current);
        Assert.Null(await store.GetAsync("k"));
        await store.DeleteAsync("k");
    }

    [Fact]
    public async Task Bulk_get_returns_one_entry_per_key_in_order()
    {
        var store = CreateStore(new ManualTimeProvider());
        await store.SetAsync("a", Bytes("1"));
        await store.SetAsync("c", Bytes("3"));

        var entries = await store.GetBulkAsync(["c", "b", "a"]);

        Assert.Equal(["3", null, "1"], entries.Select(e => e is null ? null : Text(e.Value)));
    }

    [Fact]
    public async Task A_transaction_applies_every_operation()
    {
        var store = CreateStore(new ManualTimeProvider());
        var etag = await store.SetAsync("update", Bytes("old"));
        await store.SetAsync("remove", Bytes("x"));

        await store.TransactAsync(
        [
            new StateOperation.Upsert("update", Bytes("new"), new StateWriteOptions(etag)),
            new StateOperation.Upsert("insert", Bytes("fresh")),
            new StateOperation.Delete("remove"),
        ]);

        Assert.Equal("new", Text((await store.GetAsync("update"))!.Value));
        Assert.Equal("fresh", Text((await store.GetAsync("insert"))!.Value));
        Assert.Null(await store.GetAsync("remove"));
    }

    [Fact]
    public async Task A_transaction_with_one_stale_etag_applies_nothing()
    {
        var store = CreateStore(new ManualTimeProvider());
        var stale = await store.SetAsync("guarded", Bytes("v1"));
        await store.SetAsync("guarded", Bytes("v2"));
        await store.SetAsync("remove", Bytes("keep me"));

        await Assert.ThrowsAsync<ETagMismatchException>(() => store.TransactAsync(
        [
            new StateOperation.Upsert("insert", Bytes("never")),
            new StateOperation.Delete("remove"),
            new StateOperation.Upsert("guarded", Bytes("never"), new StateWriteOptions(stale)),
        ]).AsTask());

        Assert.Null(await store.GetAsync("insert"));
        Assert.Equal("keep me", Text((await store.GetAsync("remove"))!.Value));
        Assert.Equal("v2", Text((await store.GetAsync("guarded"))!.Value));
    }

    [Fact]
    public async Task A_value_expires_after_its_time_to_live()
    {
        var time = new ManualTimeProvider();
        var store = CreateStore(time);
        await store.SetAsync("session", Bytes("v"), new StateWriteOptions(TimeToLive: TimeSpan.FromMinutes(5)));
        await store.SetAsync("forever", Bytes("v"));

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await store.GetAsync("session"));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await store.GetAsync("session"));
        Assert.NotNull(await store.GetAsync("forever"));
        await store.SetAsync("session", Bytes("again"), new StateWriteOptions(Concurrency: StateConcurrency.FirstWrite));
    }

    [Fact]
    public async Task Concurrent_conditional_writes_let_exactly_one_win()
    {
        var store = CreateStore(new ManualTimeProvider());
        var etag = await store.SetAsync("k", Bytes("v0"));

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await store.SetAsync("k", Bytes($"v{i + 1}"), new StateWriteOptions(etag));
                return true;
            }
            catch (ETagMismatchException)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts).WithTimeout();

        Assert.Single(results, won => won);
    }

    protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
