using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>An actor whose callbacks are the delegates of a <see cref="FakeActorBehavior"/>.</summary>
public sealed class FakeActor(ActorHost host, FakeActorBehavior behavior) : Actor(host)
{
    public IActorStateManager State => StateManager;

    public ActorHost ActorHost => Host;

    public static ActorTypeRegistration Type(string name, FakeActorBehavior behavior, TimeSpan? idleTimeout = null) =>
        new(name, host => new FakeActor(host, behavior)) { IdleTimeout = idleTimeout };

    public Task RegisterReminder(ReminderRegistration reminder) => RegisterReminderAsync(reminder);

    public Task UnregisterReminder(string name) => UnregisterReminderAsync(name);

    public override ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        behavior.Activate?.Invoke(this, cancellationToken) ?? ValueTask.CompletedTask;

    public override ValueTask OnDeactivateAsync(CancellationToken cancellationToken) =>
        behavior.Deactivate?.Invoke(this, cancellationToken) ?? ValueTask.CompletedTask;

    public override ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) =>
        (behavior.Invoke ?? throw new InvalidOperationException($"Set {nameof(FakeActorBehavior)}.{nameof(FakeActorBehavior.Invoke)} to handle calls."))(this, call, cancellationToken);

    public override ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken) =>
        (behavior.Reminder ?? throw new InvalidOperationException($"Set {nameof(FakeActorBehavior)}.{nameof(FakeActorBehavior.Reminder)} to handle reminders."))(this, reminder, cancellationToken);

    public override ValueTask OnTimerAsync(ActorTimer timer, CancellationToken cancellationToken) =>
        (behavior.Timer ?? throw new InvalidOperationException($"Set {nameof(FakeActorBehavior)}.{nameof(FakeActorBehavior.Timer)} to handle timers."))(this, timer, cancellationToken);
}
