namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>The tables of the embedded runtime's SQLite file and the statements over them.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS actor_state (
            actor_type TEXT NOT NULL, actor_key TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
            PRIMARY KEY (actor_type, actor_key, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS state (
            store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, etag INTEGER NOT NULL, expires INTEGER,
            PRIMARY KEY (store, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reminders (
            actor_type TEXT NOT NULL, actor_key TEXT NOT NULL, name TEXT NOT NULL, due_time INTEGER NOT NULL,
            period INTEGER, data TEXT, next_due INTEGER NOT NULL,
            PRIMARY KEY (actor_type, actor_key, name)) WITHOUT ROWID;
        """;

    public const string GetActorState = "SELECT value FROM actor_state WHERE actor_type = $p0 AND actor_key = $p1 AND key = $p2";

    public const string UpsertActorState = """
        INSERT INTO actor_state (actor_type, actor_key, key, value) VALUES ($p0, $p1, $p2, $p3)
        ON CONFLICT (actor_type, actor_key, key) DO UPDATE SET value = excluded.value
        """;

    public const string DeleteActorState = "DELETE FROM actor_state WHERE actor_type = $p0 AND actor_key = $p1 AND key = $p2";

    public const string GetState = "SELECT value, etag, expires FROM state WHERE store = $p0 AND key = $p1";

    public const string GetStateETag = "SELECT etag, expires FROM state WHERE store = $p0 AND key = $p1";

    public const string MaxETag = "SELECT COALESCE(MAX(etag), 0) FROM state";

    public const string UpsertState = """
        INSERT INTO state (store, key, value, etag, expires) VALUES ($p0, $p1, $p2, $p3, $p4)
        ON CONFLICT (store, key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires = excluded.expires
        """;

    public const string DeleteState = "DELETE FROM state WHERE store = $p0 AND key = $p1";

    public const string LoadReminders = "SELECT actor_type, actor_key, name, due_time, period, data, next_due FROM reminders";

    public const string UpsertReminder = """
        INSERT INTO reminders (actor_type, actor_key, name, due_time, period, data, next_due) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
        ON CONFLICT (actor_type, actor_key, name) DO UPDATE SET
            due_time = excluded.due_time, period = excluded.period, data = excluded.data, next_due = excluded.next_due
        """;

    public const string DeleteReminder = "DELETE FROM reminders WHERE actor_type = $p0 AND actor_key = $p1 AND name = $p2";
}
