using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.State;
using AgentPlatform.Runtime.Tests.Support;

namespace AgentPlatform.Runtime.Tests.State;

public sealed class SqliteActorStateStoreTests : ActorStateStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase? _database;

    public void Dispose()
    {
        _database?.Dispose();
        _directory.Dispose();
    }

    protected override IActorStateStore CreateStore()
    {
        _database = new SqliteDatabase(_directory.DatabasePath);
        return new SqliteActorStateStore(_database);
    }
}
