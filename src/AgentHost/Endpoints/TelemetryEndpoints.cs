using AgentPlatform.AgentHost.Telemetry;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The Prometheus scraping endpoint.</summary>
public static class TelemetryEndpoints
{
    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format) unless telemetry is disabled.</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(TelemetryOptions.MetricsPath).WithTags("Telemetry").ExcludeFromDescription();
        }

        return endpoints;
    }
}
