using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>A statement prepared directly on SQLite, for the hottest statements: actor state writes and reads, reminder writes.</summary>
/// <remarks>Binding by index and stepping the raw statement skips the per-execution work of
/// <see cref="SqliteCommand"/> (parameter lookup by name, a data reader and its records per call), which dominates small writes
/// and reads of one value.</remarks>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>Binds a string, encoding it to UTF-8 on the stack when short (SQLite copies the bytes).</summary>
    public void BindText(int index, string value)
    {
        const int StackLimit = 512;
        if (value.Length > StackLimit / 3)
        {
            Check(raw.sqlite3_bind_text(_statement, index, value));
            return;
        }

        Span<byte> utf8 = stackalloc byte[StackLimit];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(_statement, index, utf8[..length]));
    }

    /// <summary>Binds a string, or NULL.</summary>
    public void BindTextOrNull(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        BindText(index, value);
    }

    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Binds an integer, or NULL.</summary>
    public void BindInt64(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to completion and resets it for the next use.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
        {
            Check(result);
        }
    }

    /// <summary>Runs the statement and answers the first column of its first row as bytes, or null when there is no row; resets it
    /// for the next use.</summary>
    public byte[]? QueryBlob()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_blob(_statement, 0).ToArray();
            }

            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }

            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
