namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>A snapshot of the SQLite group-commit writer.</summary>
/// <param name="PendingWrites">Writes queued and not yet taken into a batch.</param>
/// <param name="BatchAge">How long the batch being committed now has been running; null while the writer is idle.</param>
/// <param name="LastCommit">When the last batch was committed; null before the first.</param>
public readonly record struct SqliteGroupCommitStatus(int PendingWrites, TimeSpan? BatchAge, DateTimeOffset? LastCommit);
