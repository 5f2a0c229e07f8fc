namespace AgentPlatform.AgentHost.Backups;

/// <summary>Scheduled online backups of the embedded runtime's SQLite file.</summary>
public sealed class BackupOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Backups";

    /// <summary>When false, no scheduled backups are taken (the <c>backup</c> command still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two scheduled backups; the first is taken one interval after start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many backups to keep; older ones are deleted after each new backup.</summary>
    public int Keep { get; set; } = 12;

    /// <summary>Where backups go; <c>backups</c> under <c>Runtime:DataDirectory</c> when empty, relative to the working directory unless absolute.</summary>
    public string? Directory { get; set; }
}
