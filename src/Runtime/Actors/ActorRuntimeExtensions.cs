namespace AgentPlatform.Runtime.Actors;

/// <summary>Typed conveniences over <see cref="IActorRuntime"/>.</summary>
public static class ActorRuntimeExtensions
{
    /// <summary>Invokes a method and casts its result to <typeparamref name="TResult"/>.</summary>
    /// <exception cref="InvalidCastException">The actor returned a value of another type.</exception>
    public static async ValueTask<TResult> InvokeAsync<TResult>(
        this IActorRuntime runtime, ActorId id, string method, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var result = await runtime.InvokeAsync(id, method, payload, cancellationToken);
        return result is TResult typed
            ? typed
            : throw new InvalidCastException($"Actor {id} method '{method}' returned {result?.GetType().Name ?? "null"}, not {typeof(TResult).Name}.");
    }
}
