using System.Globalization;
using AgentPlatform.Runtime.Embedded;
using AgentPlatform.Runtime.Embedded.State;

namespace AgentPlatform.AgentHost.Backups;

/// <summary>The backups of one data directory: files named <c>platform-&lt;UTC time&gt;.db</c> in one folder, newest last.</summary>
public sealed class BackupCatalog
{
    private const string Prefix = "platform-";
    private const string Extension = ".db";

    /// <summary>Creates the catalog of the database in <paramref name="dataDirectory"/>, keeping backups in
    /// <paramref name="backupDirectory"/> (or <c>backups</c> under the data directory).</summary>
    public BackupCatalog(string dataDirectory, string? backupDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, EmbeddedRuntimeOptions.DatabaseFileName));
        Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(backupDirectory) ? Path.Combine(dataDirectory, "backups") : backupDirectory);
    }

    /// <summary>The database file that is backed up.</summary>
    public string DatabasePath { get; }

    /// <summary>The folder holding the backups.</summary>
    public string Directory { get; }

    /// <summary>The backups, oldest first.</summary>
    public IReadOnlyList<FileInfo> List() =>
        System.IO.Directory.Exists(Directory)
            ? new DirectoryInfo(Directory).GetFiles(Prefix + "*" + Extension).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Takes an online backup now and deletes all but the newest <paramref name="keep"/>; returns the new file's path.</summary>
    public string Take(TimeProvider time, int keep)
    {
        ArgumentNullException.ThrowIfNull(time);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(Directory, Prefix + stamp + Extension);
        for (var n = 1; File.Exists(path); n++)
        {
            path = Path.Combine(Directory, $"{Prefix}{stamp}-{n}{Extension}");
        }

        SqliteBackup.Create(DatabasePath, path);
        var all = List();
        foreach (var old in all.Take(Math.Max(0, all.Count - keep)))
        {
            old.Delete();
        }

        return path;
    }
}
