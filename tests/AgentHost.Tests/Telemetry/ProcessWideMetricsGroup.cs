namespace AgentPlatform.AgentHost.Tests.Telemetry;

/// <summary>Tests that read exact values from an in-process host's <c>/metrics</c>. OpenTelemetry subscribes to meters by name
/// across the whole process, so a host of another test running at the same time would mix its series in; these run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsGroup
{
    public const string Name = "process-wide metrics";
}
