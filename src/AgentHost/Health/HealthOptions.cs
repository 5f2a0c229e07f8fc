namespace AgentPlatform.AgentHost.Health;

/// <summary>Bounds of the readiness checks behind <c>/healthz/ready</c>.</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Health";

    /// <summary>The tag of the checks <c>/healthz/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long a probe write to SQLite (on its own connection, fsync'd) may take before the database counts as not writable.</summary>
    public TimeSpan SqliteWriteBound { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one group commit may run before the queue counts as stuck.</summary>
    public TimeSpan GroupCommitStuckAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far past its due time a reminder may be before the reminder loop counts as stalled.</summary>
    public TimeSpan ReminderOverdueBound { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>In Dapr mode, how long the sidecar may take to answer its health endpoint.</summary>
    public TimeSpan SidecarBound { get; set; } = TimeSpan.FromSeconds(2);
}
