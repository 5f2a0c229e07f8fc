using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>Counts reads and commits passing through to an inner store.</summary>
public sealed class RecordingActorStateStore(IActorStateStore inner) : IActorStateStore
{
    private int _reads;
    private int _commits;

    public int Reads => Volatile.Read(ref _reads);

    public int Commits => Volatile.Read(ref _commits);

    public ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAsync(actor, key, cancellationToken);
    }

    public ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return inner.CommitAsync(actor, changes, cancellationToken);
    }
}
