using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>A scheduled reminder; replaced, not mutated, when registered again.</summary>
internal sealed class ReminderEntry(ActorId actor, ReminderRegistration registration, DateTimeOffset nextDue)
{
    public ActorId Actor { get; } = actor;

    public ReminderRegistration Registration { get; } = registration;

    public (ActorId Actor, string Name) Key => (Actor, Registration.Name);

    public ActorReminder Delivery { get; } = new(registration.Name, registration.Data);

    /// <summary>When the reminder fires next; changed only under the service's lock.</summary>
    public DateTimeOffset NextDue { get; set; } = nextDue;

    public bool Removed { get; set; }
}
