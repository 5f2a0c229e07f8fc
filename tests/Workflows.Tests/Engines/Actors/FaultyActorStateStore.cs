using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>An actor state store that refuses the next commit of one actor type when told to, as a full disk or an I/O error
/// would, and passes everything else to the real store.</summary>
public sealed class FaultyActorStateStore(IActorStateStore inner) : IActorStateStore
{
    private string? _failNextCommitOf;

    /// <summary>Makes the next commit of an actor of <paramref name="actorType"/> throw without writing anything.</summary>
    public void FailNextCommitOf(string actorType) => Volatile.Write(ref _failNextCommitOf, actorType);

    public ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default) =>
        inner.GetAsync(actor, key, cancellationToken);

    public ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default) =>
        Interlocked.CompareExchange(ref _failNextCommitOf, null, actor.Type) == actor.Type
            ? ValueTask.FromException(new IOException($"The test store refused the commit of {actor}."))
            : inner.CommitAsync(actor, changes, cancellationToken);
}
