namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>A registered reminder as stored: when it fires next, how often, how many fires remain, when its ttl ends,
/// its data (raw JSON, returned as is) and the texts it was registered with.</summary>
/// <remarks><see cref="Generation"/> changes with every registration, so a fire that finishes after the app re-registered
/// the reminder does not overwrite the new registration.</remarks>
internal sealed record Reminder(
    ActorKey Actor, string Name, DateTimeOffset DueAt, TimeSpan? Period, int? Remaining, DateTimeOffset? ExpiresAt,
    string? Data, string DueTimeText, string PeriodText, string TtlText, string Generation);
