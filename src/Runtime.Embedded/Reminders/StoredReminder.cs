using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>A persisted reminder: its actor, its registration and when it fires next.</summary>
/// <param name="Actor">The actor the reminder belongs to.</param>
/// <param name="Registration">The registration as given.</param>
/// <param name="NextDueTime">When the reminder fires next.</param>
public sealed record StoredReminder(ActorId Actor, ReminderRegistration Registration, DateTimeOffset NextDueTime);
