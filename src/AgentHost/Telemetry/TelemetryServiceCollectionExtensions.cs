using AgentPlatform.AgentHost.Telemetry;
using AgentPlatform.Runtime.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenTelemetry for every meter and activity source named in <see cref="PlatformTelemetry"/>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name reported in resources.</summary>
    public const string ServiceName = "agent-platform";

    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";
    private const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";

    // The runtime's own meter (garbage collector, JIT, thread pool, exceptions), built into .NET.
    private const string RuntimeMeter = "System.Runtime";

    /// <summary>Binds <see cref="TelemetryOptions"/> (validated on start); when enabled, collects the platform's and
    /// ASP.NET Core's metrics for Prometheus, and with an OTLP endpoint also exports metrics and traces (HTTP
    /// requests and workflow steps) over OTLP.</summary>
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddHostedService<LivenessMetrics>();

        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var otlp = !string.IsNullOrEmpty(options.OtlpEndpoint)
            || !string.IsNullOrEmpty(configuration[TelemetryOptions.OtlpEndpointVariable]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            // Only the hosting and Kestrel meters of ASP.NET Core (request duration, active requests, connections):
            // the routing, memory-pool and diagnostics meters add a measurement to every request and tell an operator little.
            metrics.AddMeter(AspNetCoreHostingMeter, KestrelMeter, RuntimeMeter).AddMeter([.. PlatformTelemetry.MeterNames]).AddPrometheusExporter();
            if (otlp)
            {
                metrics.AddOtlpExporter(o => UseEndpoint(o, options));
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddSource([.. PlatformTelemetry.ActivitySourceNames])
                .AddOtlpExporter(o => UseEndpoint(o, options)));
        }

        return services;
    }

    /// <summary>Health probes and metric scrapes arrive every few seconds from machines, not users; a span for each
    /// would crowd out the traces an operator looks for.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments(TelemetryOptions.MetricsPath, StringComparison.Ordinal);

    private static void UseEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions exporter, TelemetryOptions options)
    {
        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            exporter.Endpoint = new Uri(options.OtlpEndpoint);
        }
    }
}
