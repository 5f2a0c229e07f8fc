namespace AgentPlatform.AgentHost.Tests.Telemetry;

/// <summary>Tests that count sampled traces of an in-process host. ASP.NET Core's activity source is process-wide, and an activity
/// that any tracer provider samples is recorded for every provider, so a host of another test sampling every trace at the same time
/// would raise this host's count; these run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTracingGroup
{
    public const string Name = "process-wide tracing";
}
