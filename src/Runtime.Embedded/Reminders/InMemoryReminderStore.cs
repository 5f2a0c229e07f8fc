using System.Collections.Concurrent;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>Keeps reminders in memory; they survive a runtime restart only while this object lives.</summary>
public sealed class InMemoryReminderStore : IReminderStore
{
    private readonly ConcurrentDictionary<(ActorId Actor, string Name), StoredReminder> _reminders = new();

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredReminder>> LoadAllAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<StoredReminder>>([.. _reminders.Values]);

    /// <inheritdoc/>
    public ValueTask SaveAsync(StoredReminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        _reminders[(reminder.Actor, reminder.Registration.Name)] = reminder;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        _reminders.TryRemove((actor, name), out _);
        return ValueTask.CompletedTask;
    }
}
