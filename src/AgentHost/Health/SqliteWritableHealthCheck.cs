using System.Diagnostics;
using AgentPlatform.Runtime.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Writes one row to SQLite on a connection of its own and fails when that does not succeed within
/// <see cref="HealthOptions.SqliteWriteBound"/> (a read-only file, a full disk, a lock held elsewhere).</summary>
internal sealed class SqliteWritableHealthCheck(IOptions<EmbeddedRuntimeOptions> runtime, IOptions<HealthOptions> health) : IHealthCheck
{
    public const string Name = "sqlite";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bound = health.Value.SqliteWriteBound;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Task.Run(() => ProbeWrite(runtime.Value.DatabasePath, bound), cancellationToken);
        }
        catch (SqliteException error)
        {
            return HealthCheckResult.Unhealthy($"SQLite is not writable: {error.Message}");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return elapsed <= bound
            ? HealthCheckResult.Healthy($"Probe write took {elapsed.TotalMilliseconds:F0} ms.")
            : HealthCheckResult.Unhealthy($"SQLite is not writable within {bound.TotalMilliseconds:F0} ms: a probe write took {elapsed.TotalMilliseconds:F0} ms.");
    }

    private static void ProbeWrite(string path, TimeSpan bound)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(bound.TotalSeconds),
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            PRAGMA busy_timeout={(long)bound.TotalMilliseconds};
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, checked_at INTEGER NOT NULL);
            INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, $now);
            """;
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
