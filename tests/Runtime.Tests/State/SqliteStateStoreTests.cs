using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.State;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.State;

public sealed class SqliteStateStoreTests : StateStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteDatabase> _databases = [];

    [Fact]
    public async Task Writes_survive_reopening_the_file()
    {
        string etag;
        using (var database = new SqliteDatabase(_directory.DatabasePath))
        {
            etag = await new SqliteStateStore(database).SetAsync("k", Bytes("durable"), cancellationToken: TestTimeout.After());
        }

        using var reopened = new SqliteDatabase(_directory.DatabasePath);
        var store = new SqliteStateStore(reopened);
        var entry = await store.GetAsync("k");

        Assert.Equal("durable", Text(entry!.Value));
        Assert.Equal(etag, entry.ETag);
        Assert.NotEqual(etag, await store.SetAsync("other", Bytes("x")));
    }

    [Fact]
    public async Task Stores_with_different_names_share_the_file_but_not_their_keys()
    {
        using var database = new SqliteDatabase(_directory.DatabasePath);
        var one = new SqliteStateStore(database, "one");
        var two = new SqliteStateStore(database, "two");

        await one.SetAsync("k", Bytes("from one"));

        Assert.Null(await two.GetAsync("k"));
        Assert.Equal("one", one.Name);
    }

    [Fact]
    public async Task A_rejected_write_does_not_fail_the_others_in_its_batch()
    {
        using var database = new SqliteDatabase(_directory.DatabasePath);
        var store = new SqliteStateStore(database);
        await store.SetAsync("guarded", Bytes("v"));

        var writes = Enumerable.Range(0, 200).Select(i => i % 10 == 0
            ? store.SetAsync("guarded", Bytes("x"), new StateWriteOptions("stale")).AsTask()
            : store.SetAsync($"k{i}", Bytes("ok")).AsTask()).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).WithTimeout();

        Assert.Equal(20, writes.Count(w => w.Exception?.InnerException is ETagMismatchException));
        Assert.Equal(180, writes.Count(w => w.IsCompletedSuccessfully));
        Assert.Equal("v", Text((await store.GetAsync("guarded"))!.Value));
        Assert.All(await store.GetBulkAsync([.. Enumerable.Range(1, 9).Select(i => $"k{i}")]), Assert.NotNull);
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        _directory.Dispose();
    }

    protected override IStateStore CreateStore(TimeProvider time)
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, $"contract-{_databases.Count}.db"));
        _databases.Add(database);
        return new SqliteStateStore(database, "statestore", time);
    }
}
