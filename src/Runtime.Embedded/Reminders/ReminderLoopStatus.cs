namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>A snapshot of the embedded reminder loop.</summary>
/// <param name="Started">True once a delivery target is attached and fires are delivered.</param>
/// <param name="Registered">The number of registered reminders.</param>
/// <param name="Overdue">How far past its due time the most overdue reminder is (zero when none is).</param>
public readonly record struct ReminderLoopStatus(bool Started, int Registered, TimeSpan Overdue);
