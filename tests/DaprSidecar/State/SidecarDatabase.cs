using Microsoft.Data.Sqlite;

namespace AgentPlatform.DaprSidecar.State;

/// <summary>The one SQLite file under the cluster's data directory that holds every state store, actor state and
/// reminders, so that all of them survive app restarts, sidecar restarts and a new cluster on the same directory.</summary>
/// <remarks>One connection behind one lock: the double serves tests, where a simple, obviously serial store beats
/// throughput, and every multi-row change is one SQLite transaction.</remarks>
internal sealed class SidecarDatabase : IDisposable
{
    private const string FileName = "daprd-double.db";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;

    public SidecarDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS state (
                store TEXT NOT NULL,
                key TEXT NOT NULL,
                value BLOB NOT NULL,
                etag TEXT NOT NULL,
                expires_at INTEGER NULL,
                PRIMARY KEY (store, key));
            CREATE TABLE IF NOT EXISTS reminders (
                actor_type TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                name TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                period_ms INTEGER NULL,
                remaining INTEGER NULL,
                expires_at INTEGER NULL,
                data TEXT NULL,
                due_time_text TEXT NOT NULL,
                period_text TEXT NOT NULL,
                ttl_text TEXT NOT NULL,
                generation TEXT NOT NULL,
                PRIMARY KEY (actor_type, actor_id, name));
            """);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> alone on the connection inside one SQLite transaction, committed when it
    /// returns and rolled back when it throws.</summary>
    public T InTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var result = work(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs a read alone on the connection.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        lock (_gate)
        {
            return read(_connection);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
