using System.Collections.Concurrent;

using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>Counts the calls in flight per actor type for the Dapr runtime's <see cref="IActorRuntime.CallsInFlight"/>: the runtime
/// (calls it makes) and the actor shims (calls this process serves) enter and exit an <see cref="ActorCallCount"/> per call.</summary>
/// <remarks>Entering and exiting are one interlocked operation each; while nobody waits for an end, exiting pays one more read.
/// A runtime looks up its type's <see cref="ActorCallCount"/> once, where it already resolves the type, so the call path does no
/// dictionary lookup of its own.</remarks>
internal sealed class ActorCallCounter : IActorCallsInFlight
{
    private readonly ConcurrentDictionary<string, ActorCallCount> _types = new(StringComparer.Ordinal);
    private readonly ActorCallEndSignal _ended = new();

    /// <summary>The count of calls to <paramref name="actorType"/>, created on first use.</summary>
    public ActorCallCount For(string actorType)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        return _types.TryGetValue(actorType, out var count) ? count : _types.GetOrAdd(actorType, static (_, owner) => new ActorCallCount(owner), this);
    }

    /// <inheritdoc/>
    public long Count(string actorType) =>
        actorType is not null && _types.TryGetValue(actorType, out var count) ? count.InFlight : 0;

    /// <inheritdoc/>
    public Task NextEnd() => _ended.Next();

    internal void Ended() => _ended.Raise();
}
