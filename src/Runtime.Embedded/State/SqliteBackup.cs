using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>Online backups and restores of the embedded runtime's SQLite file.</summary>
/// <remarks>A backup is written with <c>VACUUM INTO</c> on a connection of its own: it reads one WAL snapshot, so it
/// holds exactly the transactions committed before it began, while the host keeps writing. Every write the host has
/// acknowledged before the backup starts is in it (the group commit answers only after the commit). A restore
/// replaces the database file and removes its WAL and shared-memory files; the host must be stopped.</remarks>
public static class SqliteBackup
{
    /// <summary>Writes a consistent copy of the database at <paramref name="databasePath"/> to <paramref name="backupPath"/>.</summary>
    /// <exception cref="IOException"><paramref name="backupPath"/> exists already.</exception>
    /// <exception cref="FileNotFoundException">There is no database at <paramref name="databasePath"/>.</exception>
    public static void Create(string databasePath, string backupPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"There is no database at {databasePath}.", databasePath);
        }

        if (File.Exists(backupPath))
        {
            throw new IOException($"The backup file {backupPath} exists already.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(backupPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", Path.GetFullPath(backupPath));
        command.ExecuteNonQuery();
    }

    /// <summary>Checks that <paramref name="backupPath"/> is an intact SQLite database; returns the problem or null.</summary>
    public static string? Verify(string backupPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupPath);
        if (!File.Exists(backupPath))
        {
            return $"There is no backup at {backupPath}.";
        }

        try
        {
            using var connection = Open(backupPath, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var result = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return result == "ok" ? null : $"The backup {backupPath} is damaged: {result}";
        }
        catch (SqliteException error)
        {
            return $"The backup {backupPath} is not a usable SQLite database: {error.Message}";
        }
    }

    /// <summary>Replaces the database at <paramref name="databasePath"/> with the verified backup at <paramref name="backupPath"/>.</summary>
    /// <remarks>The previous database and its WAL, if any, are kept beside it as <c>&lt;name&gt;.before-restore-&lt;time&gt;</c>.</remarks>
    /// <exception cref="InvalidDataException">The backup is missing or fails its integrity check.</exception>
    public static void Restore(string backupPath, string databasePath, TimeProvider? time = null)
    {
        if (Verify(backupPath) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var stamp = (time ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, $"{databasePath}.before-restore-{stamp}{suffix}");
            }
        }

        File.Copy(backupPath, databasePath);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }
}
