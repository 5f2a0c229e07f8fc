using System.Collections.Concurrent;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>Actor state in memory; commits are atomic per actor but nothing survives the process.</summary>
public sealed class InMemoryActorStateStore : IActorStateStore
{
    private readonly ConcurrentDictionary<ActorId, Dictionary<string, byte[]>> _actors = new();

    /// <inheritdoc/>
    public ValueTask<byte[]?> GetAsync(ActorId actor, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_actors.TryGetValue(actor, out var state))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        lock (state)
        {
            return ValueTask.FromResult(state.TryGetValue(key, out var value) ? value : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask CommitAsync(ActorId actor, IReadOnlyList<ActorStateChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var state = _actors.GetOrAdd(actor, static _ => new Dictionary<string, byte[]>(StringComparer.Ordinal));
        lock (state)
        {
            foreach (var change in changes)
            {
                if (change.Value is null)
                {
                    state.Remove(change.Key);
                }
                else
                {
                    state[change.Key] = change.Value;
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
