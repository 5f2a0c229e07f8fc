namespace AgentPlatform.Runtime.Embedded.Reminders;

public sealed partial class EmbeddedReminderService
{
    /// <summary>Whether fires are being delivered and how late the earliest due reminder is, for health checks.</summary>
    /// <remarks>A working loop keeps <see cref="ReminderLoopStatus.Overdue"/> near zero: the timer is armed for the
    /// earliest reminder and fires it when due. A growing value means the timer stopped firing.</remarks>
    public ReminderLoopStatus GetLoopStatus()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var overdue = TimeSpan.Zero;
            foreach (var (entry, due) in _queue.UnorderedItems)
            {
                if (!entry.Removed && entry.NextDue.UtcTicks == due && due < now.UtcTicks)
                {
                    overdue = TimeSpan.FromTicks(Math.Max(overdue.Ticks, now.UtcTicks - due));
                }
            }

            return new ReminderLoopStatus(_deliver is not null, _entries.Count, overdue);
        }
    }
}
