using AgentPlatform.Runtime.Embedded.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Fails when the SQLite writer has been inside one group commit for longer than
/// <see cref="HealthOptions.GroupCommitStuckAfter"/>: every durable write in the process waits behind it.</summary>
internal sealed class GroupCommitHealthCheck(SqliteDatabase database, IOptions<HealthOptions> health) : IHealthCheck
{
    public const string Name = "group-commit";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = database.GetGroupCommitStatus();
        var bound = health.Value.GroupCommitStuckAfter;
        var data = new Dictionary<string, object>
        {
            ["pending_writes"] = status.PendingWrites,
            ["last_commit"] = status.LastCommit?.ToString("O") ?? "none",
        };
        var result = status.BatchAge is { } age && age > bound
            ? HealthCheckResult.Unhealthy($"One group commit has been running for {age.TotalSeconds:F1} s (bound {bound.TotalSeconds:F0} s); {status.PendingWrites} writes are waiting.", data: data)
            : HealthCheckResult.Healthy($"{status.PendingWrites} writes waiting.", data);
        return Task.FromResult(result);
    }
}
