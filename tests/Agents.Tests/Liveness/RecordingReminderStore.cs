using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Counts reminder writes, to prove heartbeats do not re-register the liveness reminder.</summary>
internal sealed class RecordingReminderStore(IReminderStore inner) : IReminderStore
{
    private int _saves;

    public int Saves => Volatile.Read(ref _saves);

    public ValueTask<IReadOnlyList<StoredReminder>> LoadAllAsync(CancellationToken cancellationToken = default) => inner.LoadAllAsync(cancellationToken);

    public ValueTask SaveAsync(StoredReminder reminder, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _saves);
        return inner.SaveAsync(reminder, cancellationToken);
    }

    public ValueTask DeleteAsync(ActorId actor, string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(actor, name, cancellationToken);
}
