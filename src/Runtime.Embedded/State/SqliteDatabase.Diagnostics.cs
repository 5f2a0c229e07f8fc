using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Runtime.Embedded.State;

public sealed partial class SqliteDatabase
{
    private static readonly Meter StorageMeter = new(PlatformTelemetry.StorageMeter);
    private static readonly Counter<long> Commits = StorageMeter.CreateCounter<long>(
        "agentplatform.storage.commits", "{commit}", "Group commits of the SQLite writer (one fsync each).");
    private static readonly Histogram<long> BatchSize = StorageMeter.CreateHistogram<long>(
        "agentplatform.storage.commit.batch_size", "{write}", "Writes sharing one group commit.");
    private static readonly Histogram<double> CommitDuration = StorageMeter.CreateHistogram<double>(
        "agentplatform.storage.commit.duration", "s", "Time to apply and fsync one group commit.");

    private long _batchStartedTimestamp;
    private long _lastCommitUnixMs;

    /// <summary>What the group-commit writer is doing now, for health checks.</summary>
    public SqliteGroupCommitStatus GetGroupCommitStatus()
    {
        var started = Volatile.Read(ref _batchStartedTimestamp);
        var lastCommit = Volatile.Read(ref _lastCommitUnixMs);
        return new SqliteGroupCommitStatus(
            _pending.Count,
            started == 0 ? null : Stopwatch.GetElapsedTime(started),
            lastCommit == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(lastCommit));
    }

    private void CommitMeasured(List<SqliteWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _batchStartedTimestamp, started);
        try
        {
            Commit(batch);
        }
        finally
        {
            Volatile.Write(ref _batchStartedTimestamp, 0);
        }

        Volatile.Write(ref _lastCommitUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Commits.Add(1);
        BatchSize.Record(batch.Count);
        CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
