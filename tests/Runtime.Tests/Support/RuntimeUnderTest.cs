using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>A started runtime handed to a contract suite: its actor and reminder ports, and how to stop it.</summary>
/// <remarks>Disposing stops the runtime the way a process exit would for the suite: afterwards a new runtime over the
/// same data directory must see everything that was committed.</remarks>
public sealed class RuntimeUnderTest(IActorRuntime actors, IReminderService reminders, Func<ValueTask> stop) : IAsyncDisposable
{
    public IActorRuntime Actors { get; } = actors;

    public IReminderService Reminders { get; } = reminders;

    public ValueTask DisposeAsync() => stop();
}
