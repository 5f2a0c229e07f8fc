using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>The callbacks of a <see cref="FakeActor"/>; an unset callback that gets called throws, naming the property.</summary>
public sealed class FakeActorBehavior
{
    public Func<FakeActor, CancellationToken, ValueTask>? Activate { get; init; }

    public Func<FakeActor, CancellationToken, ValueTask>? Deactivate { get; init; }

    public Func<FakeActor, ActorCall, CancellationToken, ValueTask<object?>>? Invoke { get; init; }

    public Func<FakeActor, ActorReminder, CancellationToken, ValueTask>? Reminder { get; init; }

    public Func<FakeActor, ActorTimer, CancellationToken, ValueTask>? Timer { get; init; }
}
