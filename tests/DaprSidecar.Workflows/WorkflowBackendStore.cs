using System.Globalization;
using AgentPlatform.DaprSidecar.Workflows.Protocol;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>The backend's SQLite file: instances, their histories, inboxes of events not yet shown to the orchestrator,
/// pending activities and durable timers. Every call runs in one transaction under one lock.</summary>
internal sealed class WorkflowBackendStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public WorkflowBackendStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS instances (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, execution_id TEXT NOT NULL, status INTEGER NOT NULL,
                created TEXT NOT NULL, updated TEXT NOT NULL, completed TEXT, input TEXT, output TEXT, custom_status TEXT,
                failure BLOB, parent_id TEXT, parent_task_id INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS history (instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event BLOB NOT NULL, PRIMARY KEY (instance_id, seq));
            CREATE TABLE IF NOT EXISTS inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, event BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS inbox_by_instance ON inbox (instance_id, seq);
            CREATE TABLE IF NOT EXISTS activities (instance_id TEXT NOT NULL, task_id INTEGER NOT NULL, request BLOB NOT NULL, PRIMARY KEY (instance_id, task_id));
            CREATE TABLE IF NOT EXISTS timers (instance_id TEXT NOT NULL, timer_id INTEGER NOT NULL, fire_at TEXT NOT NULL, PRIMARY KEY (instance_id, timer_id));
            """);
    }

    public T Run<T>(Func<Transaction, T> work)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var result = work(new Transaction(_connection, transaction));
            transaction.Commit();
            return result;
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

    /// <summary>The operations available inside one transaction.</summary>
    internal sealed class Transaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        public InstanceRecord? GetInstance(string instanceId) =>
            ReadInstances("SELECT * FROM instances WHERE id = $a", instanceId).FirstOrDefault();

        public IReadOnlyList<InstanceRecord> ChildrenOf(string instanceId) =>
            ReadInstances("SELECT * FROM instances WHERE parent_id = $a", instanceId);

        public IReadOnlyList<InstanceRecord> AllInstances() => ReadInstances("SELECT * FROM instances ORDER BY id", null);

        public IReadOnlyList<string> ListIds(string? after, int limit)
        {
            using var command = Command("SELECT id FROM instances WHERE $a IS NULL OR id > $a ORDER BY id LIMIT $b", after, limit);
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }

        public void PutInstance(InstanceRecord instance)
        {
            using var command = Command("""
                INSERT OR REPLACE INTO instances (id, name, execution_id, status, created, updated, completed, input, output, custom_status, failure, parent_id, parent_task_id)
                VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i, $j, $k, $l, $m)
                """,
                instance.InstanceId, instance.Name, instance.ExecutionId, (int)instance.Status, Format(instance.CreatedAt), Format(instance.UpdatedAt),
                instance.CompletedAt is { } completed ? Format(completed) : null, instance.Input, instance.Output, instance.CustomStatus,
                instance.Failure?.ToByteArray(), instance.ParentInstanceId, instance.ParentTaskId);
            command.ExecuteNonQuery();
        }

        public IReadOnlyList<HistoryEvent> History(string instanceId)
        {
            using var command = Command("SELECT event FROM history WHERE instance_id = $a ORDER BY seq", instanceId);
            return ReadEvents(command).Select(e => e.Event).ToList();
        }

        public void AppendHistory(string instanceId, IEnumerable<HistoryEvent> events)
        {
            using var count = Command("SELECT COUNT(*) FROM history WHERE instance_id = $a", instanceId);
            var seq = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            foreach (var e in events)
            {
                using var insert = Command("INSERT INTO history (instance_id, seq, event) VALUES ($a, $b, $c)", instanceId, ++seq, e.ToByteArray());
                insert.ExecuteNonQuery();
            }
        }

        public IReadOnlyList<(long Seq, HistoryEvent Event)> Inbox(string instanceId)
        {
            using var command = Command("SELECT event, seq FROM inbox WHERE instance_id = $a ORDER BY seq", instanceId);
            return ReadEvents(command);
        }

        public void AddToInbox(string instanceId, HistoryEvent e)
        {
            using var command = Command("INSERT INTO inbox (instance_id, event) VALUES ($a, $b)", instanceId, e.ToByteArray());
            command.ExecuteNonQuery();
        }

        public void RemoveFromInbox(string instanceId, long upToSeq)
        {
            using var command = Command("DELETE FROM inbox WHERE instance_id = $a AND seq <= $b", instanceId, upToSeq);
            command.ExecuteNonQuery();
        }

        public IReadOnlyList<string> InstancesWithInbox()
        {
            using var command = Command("SELECT DISTINCT instance_id FROM inbox", null);
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }

        public void AddActivity(string instanceId, int taskId, ActivityRequest request)
        {
            using var command = Command("INSERT OR REPLACE INTO activities (instance_id, task_id, request) VALUES ($a, $b, $c)", instanceId, taskId, request.ToByteArray());
            command.ExecuteNonQuery();
        }

        public ActivityRequest? GetActivity(string instanceId, int taskId)
        {
            using var command = Command("SELECT request FROM activities WHERE instance_id = $a AND task_id = $b", instanceId, taskId);
            return command.ExecuteScalar() is byte[] bytes ? ActivityRequest.Parser.ParseFrom(bytes) : null;
        }

        public bool RemoveActivity(string instanceId, int taskId)
        {
            using var command = Command("DELETE FROM activities WHERE instance_id = $a AND task_id = $b", instanceId, taskId);
            return command.ExecuteNonQuery() > 0;
        }

        public IReadOnlyList<(string InstanceId, int TaskId)> AllActivities()
        {
            using var command = Command("SELECT instance_id, task_id FROM activities", null);
            using var reader = command.ExecuteReader();
            var keys = new List<(string, int)>();
            while (reader.Read())
            {
                keys.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            return keys;
        }

        public void AddTimer(string instanceId, int timerId, DateTimeOffset fireAt)
        {
            using var command = Command("INSERT OR REPLACE INTO timers (instance_id, timer_id, fire_at) VALUES ($a, $b, $c)", instanceId, timerId, Format(fireAt));
            command.ExecuteNonQuery();
        }

        public IReadOnlyList<(string InstanceId, int TimerId, DateTimeOffset FireAt)> DueTimers(DateTimeOffset now)
        {
            using var command = Command("SELECT instance_id, timer_id, fire_at FROM timers WHERE fire_at <= $a ORDER BY fire_at", Format(now));
            using var reader = command.ExecuteReader();
            var due = new List<(string, int, DateTimeOffset)>();
            while (reader.Read())
            {
                due.Add((reader.GetString(0), reader.GetInt32(1), Parse(reader.GetString(2))));
            }

            return due;
        }

        public bool RemoveTimer(string instanceId, int timerId)
        {
            using var command = Command("DELETE FROM timers WHERE instance_id = $a AND timer_id = $b", instanceId, timerId);
            return command.ExecuteNonQuery() > 0;
        }

        /// <summary>Drops what a finished instance no longer needs: its timers and pending activities.</summary>
        public void ClearPendingWork(string instanceId)
        {
            using var command = Command("DELETE FROM timers WHERE instance_id = $a; DELETE FROM activities WHERE instance_id = $a", instanceId);
            command.ExecuteNonQuery();
        }

        public void DeleteInstance(string instanceId)
        {
            using var command = Command("""
                DELETE FROM instances WHERE id = $a; DELETE FROM history WHERE instance_id = $a; DELETE FROM inbox WHERE instance_id = $a;
                DELETE FROM activities WHERE instance_id = $a; DELETE FROM timers WHERE instance_id = $a;
                """, instanceId);
            command.ExecuteNonQuery();
        }

        // Fixed-width UTC text sorts in time order, so due timers are a plain string comparison.
        private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        private static List<(long Seq, HistoryEvent Event)> ReadEvents(SqliteCommand command)
        {
            using var reader = command.ExecuteReader();
            var events = new List<(long, HistoryEvent)>();
            while (reader.Read())
            {
                events.Add((reader.FieldCount > 1 ? reader.GetInt64(1) : 0, HistoryEvent.Parser.ParseFrom((byte[])reader[0])));
            }

            return events;
        }

        private List<InstanceRecord> ReadInstances(string sql, string? argument)
        {
            using var command = Command(sql, argument);
            using var reader = command.ExecuteReader();
            var instances = new List<InstanceRecord>();
            while (reader.Read())
            {
                instances.Add(new InstanceRecord
                {
                    InstanceId = reader.GetString(0),
                    Name = reader.GetString(1),
                    ExecutionId = reader.GetString(2),
                    Status = (OrchestrationStatus)reader.GetInt32(3),
                    CreatedAt = Parse(reader.GetString(4)),
                    UpdatedAt = Parse(reader.GetString(5)),
                    CompletedAt = reader.IsDBNull(6) ? null : Parse(reader.GetString(6)),
                    Input = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Output = reader.IsDBNull(8) ? null : reader.GetString(8),
                    CustomStatus = reader.IsDBNull(9) ? null : reader.GetString(9),
                    Failure = reader.IsDBNull(10) ? null : TaskFailureDetails.Parser.ParseFrom((byte[])reader[10]),
                    ParentInstanceId = reader.IsDBNull(11) ? null : reader.GetString(11),
                    ParentTaskId = reader.GetInt32(12),
                });
            }

            return instances;
        }

        private SqliteCommand Command(string sql, params object?[]? arguments)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var names = "abcdefghijklm";
            for (var i = 0; arguments is not null && i < arguments.Length; i++)
            {
                command.Parameters.AddWithValue("$" + names[i], arguments[i] ?? DBNull.Value);
            }

            return command;
        }
    }
}
