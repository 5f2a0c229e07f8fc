using AgentPlatform.AgentHost.Backups;
using AgentPlatform.AgentHost.Health;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Agents.TaskQueues;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The operator's summary of the platform: readiness, agents, channels, task queues, database.</summary>
public static class OperatorHealthEndpoints
{
    private const int PageSize = 200;

    /// <summary>Maps <c>GET /api/v1/health</c> (operator token).</summary>
    public static IEndpointRouteBuilder MapOperatorHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/health", GetSummaryAsync).WithName("GetOperatorHealth").WithTags("Health").RequireOperatorToken();
        return endpoints;
    }

    private static async Task<Ok<OperatorHealthView>> GetSummaryAsync(
        HttpContext context, HealthCheckService health, IAgentRegistry registry, ChannelService channels, TaskQueueIndex queues,
        BackupCatalog backups, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(HealthOptions.ReadyTag), cancellationToken);
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "healthy" : $"unhealthy: {e.Value.Description}");
        return TypedResults.Ok(new OperatorHealthView(
            HealthReportWriter.StatusName(report.Status),
            checks,
            await CountAgentsAsync(registry, cancellationToken),
            await CountChannelsAsync(channels, cancellationToken),
            Describe(queues.Snapshot(), time.GetUtcNow()),
            Describe(backups)));
    }

    private static async Task<AgentCountsView> CountAgentsAsync(IAgentRegistry registry, CancellationToken cancellationToken)
    {
        var counts = await registry.CountByStatusAsync(cancellationToken);
        var available = counts.GetValueOrDefault(AgentStatus.Idle) + counts.GetValueOrDefault(AgentStatus.Working);
        var offline = counts.GetValueOrDefault(AgentStatus.Offline);
        var busy = counts.Values.Sum() - available - offline;
        return new AgentCountsView(available + busy + offline, available, busy, offline);
    }

    private static async Task<ChannelCountsView> CountChannelsAsync(ChannelService channels, CancellationToken cancellationToken)
    {
        int count = 0;
        long messages = 0;
        string? after = null;
        do
        {
            var page = await channels.ListAsync(after, PageSize, cancellationToken);
            count += page.Channels.Count;
            messages += page.Channels.Sum(c => c.LastSequence);
            after = page.NextCursor;
        }
        while (after is not null);

        return new ChannelCountsView(count, messages);
    }

    private static TaskQueuesView Describe(TaskQueueSnapshot queues, DateTimeOffset now) => new(
        queues.Waiting,
        [.. queues.Queues.Select(q => new TaskQueueView(q.Name, q.Waiting, q.OldestSince, Math.Max(0, (now - q.OldestSince).TotalSeconds)))],
        queues.InboxBacklog.ToDictionary(p => p.Key.ToWire(), p => p.Value, StringComparer.Ordinal));

    private static DatabaseView? Describe(BackupCatalog backups)
    {
        var database = new FileInfo(backups.DatabasePath);
        if (!database.Exists)
        {
            return null;
        }

        var wal = new FileInfo(backups.DatabasePath + "-wal");
        var all = backups.List();
        return new DatabaseView(
            database.FullName,
            database.Length,
            wal.Exists ? wal.Length : 0,
            database.LastWriteTimeUtc,
            all.Count == 0 ? null : all[^1].LastWriteTimeUtc,
            all.Count,
            backups.Directory);
    }
}
