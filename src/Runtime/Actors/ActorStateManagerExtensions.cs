namespace AgentPlatform.Runtime.Actors;

/// <summary>Conveniences over <see cref="IActorStateManager"/>.</summary>
public static class ActorStateManagerExtensions
{
    /// <summary>Reads a value, or returns <paramref name="fallback"/> when the key is missing.</summary>
    public static async ValueTask<T> GetStateOrDefaultAsync<T>(
        this IActorStateManager stateManager, string key, T fallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateManager);
        var (found, value) = await stateManager.TryGetStateAsync<T>(key, cancellationToken);
        return found ? value! : fallback;
    }
}
