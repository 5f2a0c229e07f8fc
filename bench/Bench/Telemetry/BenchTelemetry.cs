using System.Diagnostics;
using AgentPlatform.Runtime.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AgentPlatform.Bench.Telemetry;

/// <summary>The <c>BENCH_TELEMETRY</c> switch: <c>on</c> or <c>off</c>; unset keeps each suite's product default.</summary>
/// <remarks>For the host process, <c>off</c> sets <c>Telemetry:Enabled=false</c> and <c>on</c> also turns on traces (an
/// OTLP exporter pointed at a closed local port, so spans are built, batched and dropped). In process, <c>on</c> starts
/// OpenTelemetry providers for every platform meter and activity source with always-on sampling and exporters that
/// discard, so the cost measured is that of recording, aggregating and batching, not of a network.</remarks>
internal static class BenchTelemetry
{
    public const string Variable = "BENCH_TELEMETRY";

    public static bool? Requested => Environment.GetEnvironmentVariable(Variable) switch
    {
        "on" => true,
        "off" => false,
        _ => null,
    };

    /// <summary>Host environment for the requested mode.</summary>
    public static IReadOnlyDictionary<string, string> HostEnvironment => Requested switch
    {
        false => new Dictionary<string, string> { ["Telemetry__Enabled"] = "false" },
        true => new Dictionary<string, string> { ["Telemetry__OtlpEndpoint"] = "http://127.0.0.1:9" },
        null => new Dictionary<string, string>(),
    };

    /// <summary>Starts in-process providers when telemetry is requested on; dispose to stop them.</summary>
    public static IDisposable? StartInProcess()
    {
        if (Requested != true)
        {
            return null;
        }

        var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter([.. PlatformTelemetry.MeterNames])
            .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter<Metric>(), 10_000))
            .Build();
        var traces = Sdk.CreateTracerProviderBuilder()
            .AddSource([.. PlatformTelemetry.ActivitySourceNames])
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter<Activity>()))
            .Build();
        return new Providers(meters, traces);
    }

    private sealed class DiscardingExporter<T> : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }

    private sealed class Providers(MeterProvider? meters, TracerProvider? traces) : IDisposable
    {
        public void Dispose()
        {
            meters?.Dispose();
            traces?.Dispose();
        }
    }
}
