using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Writes a health report as <c>{ "status", "checks": { name: { "status", "description", "duration_ms" } } }</c>.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(ToView(report)), context.RequestAborted);
    }

    public static Dictionary<string, object?> ToView(HealthReport report) => new()
    {
        ["status"] = StatusName(report.Status),
        ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, object?>
        {
            ["status"] = StatusName(e.Value.Status),
            ["description"] = e.Value.Description,
            ["duration_ms"] = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
        }),
    };

    /// <summary>The wire name of <paramref name="status"/>: <c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</summary>
    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
