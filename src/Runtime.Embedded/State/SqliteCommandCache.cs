using Microsoft.Data.Sqlite;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>One SQLite connection with its prepared commands and raw statements, reused across calls.</summary>
/// <remarks>Parameters are positional: the SQL names them <c>$p0</c>, <c>$p1</c>, and so on.</remarks>
internal sealed class SqliteCommandCache : IDisposable
{
    private static readonly string[] ParameterNames = ["$p0", "$p1", "$p2", "$p3", "$p4", "$p5", "$p6", "$p7"];
    // Statements are string constants, so identity is a cheaper lookup than hashing the whole SQL text.
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SqliteRawStatement> _statements = new(ReferenceEqualityComparer.Instance);

    public SqliteCommandCache(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/> with its positional parameters bound to the given values.</summary>
    public SqliteCommand Bind(string sql, object? p0 = null, object? p1 = null, object? p2 = null, object? p3 = null, object? p4 = null, object? p5 = null, object? p6 = null)
    {
        var command = Command(sql);
        var parameters = command.Parameters;
        Span<object?> values = [p0, p1, p2, p3, p4, p5, p6];
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>The raw statement for <paramref name="sql"/>, a statement over <c>actor_state</c> or <c>reminders</c>, with one actor's
    /// key bound as its first three parameters (actor type, actor key, and the state key or reminder name).</summary>
    public SqliteRawStatement ActorKeyed(string sql, string actorType, string actorKey, string name)
    {
        var statement = Raw(sql);
        statement.BindText(1, actorType);
        statement.BindText(2, actorKey);
        statement.BindText(3, name);
        return statement;
    }

    /// <summary>Runs a statement with no parameters and no result.</summary>
    public int Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>The raw statement for <paramref name="sql"/>, prepared on first use (<see cref="SqliteRawStatement"/>).</summary>
    private SqliteRawStatement Raw(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteRawStatement(Connection, sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
#pragma warning disable CA2100 // The SQL comes from constants in this assembly; values are always parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            for (var i = 0; sql.Contains(ParameterNames[i], StringComparison.Ordinal); i++)
            {
                command.Parameters.Add(new SqliteParameter(ParameterNames[i], null));
            }

            command.Prepare();
            _commands[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }
}
