using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>Builds an embedded runtime for one test, in memory or over a SQLite file, and disposes it with its storage.</summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    private readonly SqliteDatabase? _database;

    private RuntimeFixture(
        IReadOnlyList<ActorTypeRegistration> types, IActorStateStore store, IReminderStore reminderStore, TimeProvider time,
        EmbeddedRuntimeOptions? options, SqliteDatabase? database)
    {
        _database = database;
        StateStore = store;
        Reminders = new EmbeddedReminderService(reminderStore, time);
        Runtime = new EmbeddedActorRuntime(types, store, Reminders, options, time);
    }

    public EmbeddedActorRuntime Runtime { get; }

    public EmbeddedReminderService Reminders { get; }

    public IActorStateStore StateStore { get; }

    public static RuntimeFixture InMemory(TimeProvider? time = null, EmbeddedRuntimeOptions? options = null, IActorStateStore? store = null, IReminderStore? reminders = null, params ActorTypeRegistration[] types) =>
        new(types, store ?? new InMemoryActorStateStore(), reminders ?? new InMemoryReminderStore(), time ?? TimeProvider.System, options, null);

    public static RuntimeFixture Sqlite(string databasePath, TimeProvider? time = null, EmbeddedRuntimeOptions? options = null, params ActorTypeRegistration[] types)
    {
        var database = new SqliteDatabase(databasePath);
        return new(types, new SqliteActorStateStore(database), new SqliteReminderStore(database), time ?? TimeProvider.System, options, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Reminders.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
