using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>Where <see cref="EmbeddedReminderService"/> keeps reminders so they survive a restart.</summary>
public interface IReminderStore
{
    /// <summary>Reads every persisted reminder.</summary>
    ValueTask<IReadOnlyList<StoredReminder>> LoadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a reminder; durable when the task completes.</summary>
    ValueTask SaveAsync(StoredReminder reminder, CancellationToken cancellationToken = default);

    /// <summary>Deletes a reminder; a missing one is not an error.</summary>
    ValueTask DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken = default);
}
