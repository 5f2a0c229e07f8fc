using System.Globalization;
using AgentPlatform.DaprSidecar.Cluster;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.DaprSidecar.State;

/// <summary>Dapr's state semantics over <see cref="SidecarDatabase"/>, shared by every sidecar of the cluster: last write
/// wins without an ETag, a stale ETag or a first-write on an existing key loses, a batch applies all or nothing, and a
/// value written with a ttl reads as missing once it expires.</summary>
/// <remarks>ETags are random GUID strings, as in the <c>state.sqlite</c> component, so no ETag is ever malformed.</remarks>
internal sealed class StateStore(SidecarDatabase database, DaprFaults faults, TimeProvider time)
{
    /// <summary>Reads one key of one store; null when missing or expired.</summary>
    public StateEntry? Get(string store, string key) =>
        database.Read(connection => Find(connection, null, store, key, time.GetUtcNow()));

    /// <summary>Applies <paramref name="writes"/> to <paramref name="store"/> atomically.</summary>
    /// <exception cref="StateConflictException">A conditional write lost; nothing was changed.</exception>
    public void Apply(string store, IReadOnlyList<StateWrite> writes)
    {
        if (writes.Any(write => write.IsConditional) && faults.TryTakeStateConflict())
        {
            throw new StateConflictException(writes.First(write => write.IsConditional).Key);
        }

        var now = time.GetUtcNow();
        database.InTransaction((connection, transaction) =>
        {
            foreach (var write in writes)
            {
                var current = Find(connection, transaction, store, write.Key, now);
                if (!string.IsNullOrEmpty(write.ETag) ? current is null || current.ETag != write.ETag : write.FirstWrite && current is not null)
                {
                    throw new StateConflictException(write.Key);
                }

                if (write.Value is null)
                {
                    Run(connection, transaction, "DELETE FROM state WHERE store = $store AND key = $key", ("$store", store), ("$key", write.Key));
                    continue;
                }

                object expiresAt = write.Ttl is { } ttl ? (now + ttl).ToUnixTimeMilliseconds() : DBNull.Value;
                Run(connection, transaction,
                    """
                    INSERT INTO state (store, key, value, etag, expires_at) VALUES ($store, $key, $value, $etag, $expires)
                    ON CONFLICT (store, key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at
                    """,
                    ("$store", store), ("$key", write.Key), ("$value", write.Value), ("$etag", Guid.NewGuid().ToString("N")), ("$expires", expiresAt));
            }

            return writes.Count;
        });
    }

    private static StateEntry? Find(SqliteConnection connection, SqliteTransaction? transaction, string store, string key, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value, etag, expires_at FROM state WHERE store = $store AND key = $key";
        command.Parameters.AddWithValue("$store", store);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        DateTimeOffset? expiresAt = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        return expiresAt <= now ? null : new StateEntry((byte[])reader.GetValue(0), reader.GetString(1), expiresAt);
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Parses <c>ttlInSeconds</c> metadata: null when absent or <c>-1</c> (never expires).</summary>
    /// <exception cref="FormatException">The value is not an integer.</exception>
    public static TimeSpan? ParseTtl(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("ttlInSeconds", out var text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < -1)
        {
            throw new FormatException($"metadata ttlInSeconds must be an integer >= -1, got '{text}'");
        }

        return seconds == -1 ? null : TimeSpan.FromSeconds(seconds);
    }
}
