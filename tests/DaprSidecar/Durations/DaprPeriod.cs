namespace AgentPlatform.DaprSidecar.Durations;

/// <summary>A reminder or timer period.</summary>
/// <param name="Interval">The time between fires.</param>
/// <param name="Repetitions">How many fires in total (<c>R&lt;n&gt;/</c>), or null for no limit.</param>
internal sealed record DaprPeriod(TimeSpan Interval, int? Repetitions);
