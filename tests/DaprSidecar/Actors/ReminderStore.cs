using AgentPlatform.DaprSidecar.State;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>Reminders in the cluster's SQLite file, so they survive app restarts, sidecar restarts and a new cluster on
/// the same data directory.</summary>
internal sealed class ReminderStore(SidecarDatabase database)
{
    private const string Columns = "actor_type, actor_id, name, due_at, period_ms, remaining, expires_at, data, due_time_text, period_text, ttl_text, generation";

    /// <summary>Stores <paramref name="reminder"/>; false when it exists and <paramref name="overwrite"/> is off.</summary>
    public bool Save(Reminder reminder, bool overwrite) => database.InTransaction((connection, transaction) =>
    {
        if (!overwrite && Find(connection, transaction, reminder.Actor, reminder.Name) is not null)
        {
            return false;
        }

        using var command = Command(connection, transaction, $"INSERT OR REPLACE INTO reminders ({Columns}) VALUES ($type, $id, $name, $due, $period, $remaining, $expires, $data, $dueText, $periodText, $ttlText, $generation)", reminder.Actor, reminder.Name);
        command.Parameters.AddWithValue("$due", reminder.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$period", reminder.Period is { } period ? (long)period.TotalMilliseconds : DBNull.Value);
        command.Parameters.AddWithValue("$remaining", reminder.Remaining is { } remaining ? remaining : DBNull.Value);
        command.Parameters.AddWithValue("$expires", reminder.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$data", reminder.Data is { } data ? data : DBNull.Value);
        command.Parameters.AddWithValue("$dueText", reminder.DueTimeText);
        command.Parameters.AddWithValue("$periodText", reminder.PeriodText);
        command.Parameters.AddWithValue("$ttlText", reminder.TtlText);
        command.Parameters.AddWithValue("$generation", reminder.Generation);
        command.ExecuteNonQuery();
        return true;
    });

    /// <summary>One reminder, or null.</summary>
    public Reminder? Get(ActorKey actor, string name) => database.Read(connection => Find(connection, null, actor, name));

    /// <summary>Deletes a reminder; with <paramref name="generation"/>, only that registration of it.</summary>
    public bool Delete(ActorKey actor, string name, string? generation = null) => database.InTransaction((connection, transaction) =>
    {
        using var command = Command(connection, transaction,
            "DELETE FROM reminders WHERE actor_type = $type AND actor_id = $id AND name = $name AND ($generation IS NULL OR generation = $generation)", actor, name);
        command.Parameters.AddWithValue("$generation", generation is null ? DBNull.Value : generation);
        return command.ExecuteNonQuery() > 0;
    });

    /// <summary>Moves a registration to its next fire; does nothing when the reminder was re-registered meanwhile.</summary>
    public void Reschedule(Reminder reminder, DateTimeOffset dueAt, int? remaining) => database.InTransaction((connection, transaction) =>
    {
        using var command = Command(connection, transaction,
            "UPDATE reminders SET due_at = $due, remaining = $remaining WHERE actor_type = $type AND actor_id = $id AND name = $name AND generation = $generation",
            reminder.Actor, reminder.Name);
        command.Parameters.AddWithValue("$due", dueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$remaining", remaining is { } left ? left : DBNull.Value);
        command.Parameters.AddWithValue("$generation", reminder.Generation);
        return command.ExecuteNonQuery();
    });

    /// <summary>The reminders that fire soonest, earliest first.</summary>
    public IReadOnlyList<Reminder> Earliest(int count) => database.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reminders ORDER BY due_at LIMIT $count";
        command.Parameters.AddWithValue("$count", count);
        return ReadAll(command);
    });

    private static Reminder? Find(SqliteConnection connection, SqliteTransaction? transaction, ActorKey actor, string name)
    {
        using var command = Command(connection, transaction, $"SELECT {Columns} FROM reminders WHERE actor_type = $type AND actor_id = $id AND name = $name", actor, name);
        return ReadAll(command).FirstOrDefault();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, ActorKey actor, string name)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$type", actor.Type);
        command.Parameters.AddWithValue("$id", actor.Id);
        command.Parameters.AddWithValue("$name", name);
        return command;
    }

    private static List<Reminder> ReadAll(SqliteCommand command)
    {
        var reminders = new List<Reminder>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reminders.Add(new Reminder(
                new ActorKey(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9),
                reader.GetString(10),
                reader.GetString(11)));
        }

        return reminders;
    }
}
