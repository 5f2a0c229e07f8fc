using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Counts the commits of presence state, and can stop persisting anything to stand for a process that died.</summary>
internal sealed class CountingActorStateStore(IActorStateStore inner) : IActorStateStore
{
    private int _commits;
    private volatile bool _dead;

    public int Commits => Volatile.Read(ref _commits);

    public ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default) =>
        inner.GetAsync(actor, key, cancellationToken);

    public ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default)
    {
        if (_dead)
        {
            return ValueTask.CompletedTask;
        }

        Interlocked.Increment(ref _commits);
        return inner.CommitAsync(actor, changes, cancellationToken);
    }

    /// <summary>From now on nothing reaches the store, as when the process crashes: state written so far is all a restart sees.</summary>
    public void Die() => _dead = true;
}
