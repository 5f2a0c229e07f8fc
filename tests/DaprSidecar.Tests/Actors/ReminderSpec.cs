namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>A reminder for <see cref="CounterActor"/> to register on itself.</summary>
public sealed record ReminderSpec(string Name, string Data, int DueMilliseconds, int PeriodMilliseconds, int? Repetitions = null);
