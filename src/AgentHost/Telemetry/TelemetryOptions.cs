namespace AgentPlatform.AgentHost.Telemetry;

/// <summary>Metrics and traces export: Prometheus text at <see cref="MetricsPath"/>, OTLP when an endpoint is configured.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The standard OpenTelemetry variable that also turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>When false, no OpenTelemetry provider is started and <see cref="MetricsPath"/> is not mapped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An OTLP collector (for example <c>http://127.0.0.1:4317</c>); empty unless
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, which the exporter then reads itself.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The share of new traces recorded (0 to 1) when tracing is on; an incoming sampled <c>traceparent</c>
    /// is always followed. 1 records every request.</summary>
    /// <remarks>The default, one new trace in ten, keeps tracing within a few percent of the heartbeat benchmark with
    /// tracing off; a span for every request cost 13-14% there (docs/benchmarks.md, telemetry overhead).</remarks>
    public double TraceSampleRatio { get; set; } = DefaultTraceSampleRatio;

    /// <summary>The default of <see cref="TraceSampleRatio"/>.</summary>
    public const double DefaultTraceSampleRatio = 0.1;
}
