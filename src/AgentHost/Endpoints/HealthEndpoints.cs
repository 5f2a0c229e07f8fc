using AgentPlatform.AgentHost.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Health probes: <c>/healthz</c> (Dapr's app-health path), <c>/healthz/live</c> and <c>/healthz/ready</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /healthz</c> (always healthy while the process answers), <c>GET /healthz/live</c> (the
    /// same, through ASP.NET Core health checks with no check) and <c>GET /healthz/ready</c> (the checks tagged
    /// <see cref="HealthOptions.ReadyTag"/>; 503 naming each failing check).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", GetHealth).WithName("GetHealth").WithTags("Health");
        // Health-check and scraping endpoints are middleware pipelines, not route handlers: OpenAPI cannot describe
        // them, so they are left out of the document and described in docs/http-api.md.
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions
        {
            Predicate = static _ => false,
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithName("GetLiveness").WithTags("Health").ExcludeFromDescription();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = static check => check.Tags.Contains(HealthOptions.ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithName("GetReadiness").WithTags("Health").ExcludeFromDescription();
        return endpoints;
    }

    private static Ok<HealthView> GetHealth() => TypedResults.Ok(new HealthView("healthy"));
}
