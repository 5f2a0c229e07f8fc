namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>The writer connection as seen by queued writes: prepared statements and the ETag sequence.</summary>
/// <remarks>Used only on the database's writer thread, inside the transaction of the current batch.</remarks>
internal sealed class SqliteWriter(SqliteCommandCache commands, long lastETag)
{
    private long _lastETag = lastETag;

    public SqliteCommandCache Commands { get; } = commands;

    /// <summary>A database-wide increasing ETag, so a deleted and re-created key never repeats an old ETag.</summary>
    public long NextETag() => ++_lastETag;

    /// <summary>Runs <paramref name="sql"/> with the given positional parameter values.</summary>
    public int Execute(string sql, object? p0, object? p1 = null, object? p2 = null, object? p3 = null, object? p4 = null, object? p5 = null, object? p6 = null)
    {
        var command = Commands.Bind(sql, p0, p1, p2, p3, p4, p5, p6);
        return command.ExecuteNonQuery();
    }

    /// <summary>Reads the live ETag of a state key, or null when it is missing or expired at <paramref name="nowMs"/>.</summary>
    public long? CurrentETag(string store, string key, long nowMs)
    {
        var command = Commands.Bind(SqliteSchema.GetStateETag, store, key);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || (!reader.IsDBNull(1) && reader.GetInt64(1) <= nowMs))
        {
            return null;
        }

        return reader.GetInt64(0);
    }

    /// <summary>Writes one actor state key; the hot path of every durable actor turn.</summary>
    public void UpsertActorState(string actorType, string actorKey, string key, byte[] value)
    {
        var statement = Commands.ActorKeyed(SqliteSchema.UpsertActorState, actorType, actorKey, key);
        statement.BindBlob(4, value);
        statement.Execute();
    }

    /// <summary>Deletes one actor state key.</summary>
    public void DeleteActorState(string actorType, string actorKey, string key)
    {
        Commands.ActorKeyed(SqliteSchema.DeleteActorState, actorType, actorKey, key).Execute();
    }
}
