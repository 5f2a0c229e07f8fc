using AgentPlatform.Runtime.State;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>A durable <see cref="IStateStore"/> in the embedded runtime's SQLite file.</summary>
/// <remarks>Several stores with different names share one file. Every completed write is committed with fsync
/// (group commit); ETags are database-wide increasing numbers; expired keys read as missing.</remarks>
public sealed class SqliteStateStore : IStateStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store <paramref name="name"/> in <paramref name="database"/>.</summary>
    public SqliteStateStore(SqliteDatabase database, string name = "statestore", TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _database = database;
        Name = name;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<StateEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return ValueTask.FromResult(_database.Read((Store: Name, Key: key, NowMs: nowMs), static (commands, s) => Read(commands, s.Store, s.Key, s.NowMs)));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StateEntry?>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var entries = _database.Read(
            (Store: Name, Keys: keys, NowMs: nowMs),
            static (commands, s) =>
            {
                var result = new StateEntry?[s.Keys.Count];
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = Read(commands, s.Store, s.Keys[i], s.NowMs);
                }

                return result;
            });
        return ValueTask.FromResult<IReadOnlyList<StateEntry?>>(entries);
    }

    /// <inheritdoc/>
    public async ValueTask<string> SetAsync(string key, ReadOnlyMemory<byte> value, StateWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var write = await WriteAsync([new StateOperation.Upsert(key, value, options)], cancellationToken);
        return write.ETag!;
    }

    /// <inheritdoc/>
    public async ValueTask DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await WriteAsync([new StateOperation.Delete(key, etag)], cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count > 0)
        {
            await WriteAsync(operations, cancellationToken);
        }
    }

    private static StateEntry? Read(SqliteCommandCache commands, string store, string key, long nowMs)
    {
        using var reader = commands.Bind(SqliteSchema.GetState, store, key).ExecuteReader();
        if (!reader.Read() || (!reader.IsDBNull(2) && reader.GetInt64(2) <= nowMs))
        {
            return null;
        }

        return new StateEntry(key, (byte[])reader.GetValue(0), StateRules.Format(reader.GetInt64(1)));
    }

    private async ValueTask<SqliteStateWrite> WriteAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        StateRules.Validate(operations);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new SqliteStateWrite(Name, operations, _time.GetUtcNow());
        await _database.WriteAsync(write);
        return write;
    }
}
