using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Actors;

/// <summary>Base class for actors hosted by an <see cref="IActorRuntime"/>.</summary>
/// <remarks>
/// A runtime activates an actor on its first call and deactivates it after an idle timeout.
/// Calls are turn-based: method invocations, timer callbacks and reminder callbacks of one actor
/// never overlap. State written through <see cref="StateManager"/> during a turn is committed
/// atomically when the turn ends successfully and discarded when the turn throws.
/// </remarks>
public abstract class Actor
{
    /// <summary>Creates the actor for the activation described by <paramref name="host"/>.</summary>
    protected Actor(ActorHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
    }

    /// <summary>This actor's address.</summary>
    public ActorId Id => Host.Id;

    /// <summary>The services the runtime gives this activation.</summary>
    protected ActorHost Host { get; }

    /// <summary>Reads and buffers writes to this actor's durable state.</summary>
    protected IActorStateManager StateManager => Host.StateManager;

    /// <summary>Called once after activation, inside the first turn, before any other callback.</summary>
    public virtual ValueTask OnActivateAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called when the runtime deactivates the actor; nothing is persisted here unless the actor writes state.</summary>
    public virtual ValueTask OnDeactivateAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Handles a method call; the returned value is the caller's response.</summary>
    /// <exception cref="ActorMethodNotFoundException">The actor has no method named <see cref="ActorCall.Method"/>.</exception>
    public abstract ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken);

    /// <summary>Handles a durable reminder registered for this actor.</summary>
    public virtual ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken) =>
        throw new ActorMethodNotFoundException(Id, $"remind/{reminder.Name}");

    /// <summary>Handles an in-memory timer registered by this activation.</summary>
    public virtual ValueTask OnTimerAsync(ActorTimer timer, CancellationToken cancellationToken) =>
        throw new ActorMethodNotFoundException(Id, $"timer/{timer.Name}");

    /// <summary>Registers or replaces a durable reminder for this actor.</summary>
    protected Task RegisterReminderAsync(ReminderRegistration reminder, CancellationToken cancellationToken = default) =>
        Host.Reminders.RegisterAsync(Id, reminder, cancellationToken);

    /// <summary>Removes a durable reminder of this actor; removing an unknown reminder is not an error.</summary>
    protected Task UnregisterReminderAsync(string name, CancellationToken cancellationToken = default) =>
        Host.Reminders.UnregisterAsync(Id, name, cancellationToken);
}
