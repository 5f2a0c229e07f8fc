using System.Runtime.CompilerServices;

namespace AgentPlatform.Runtime.Actors;

/// <summary>Convenience overloads of <see cref="IActorRuntime"/>; each forwards to its typed core.</summary>
public static class ActorRuntimeExtensions
{
    /// <summary>Invokes a method that takes no argument and returns a <typeparamref name="TResult"/>.</summary>
    public static ValueTask<TResult> InvokeAsync<TResult>(
        this IActorRuntime runtime, ActorId id, string method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.InvokeAsync<object?, TResult>(id, method, null, cancellationToken);
    }

    /// <summary>Invokes a method with <paramref name="request"/> and waits for it to finish, ignoring its result.</summary>
    public static ValueTask InvokeAsync<TRequest>(
        this IActorRuntime runtime, ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Ignore(runtime.InvokeAsync<TRequest, object?>(id, method, request, cancellationToken));
    }

    /// <summary>Invokes a method that takes no argument and waits for it to finish, ignoring its result.</summary>
    public static ValueTask InvokeAsync(this IActorRuntime runtime, ActorId id, string method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Ignore(runtime.InvokeAsync<object?, object?>(id, method, null, cancellationToken));
    }

    /// <summary>Queues a one-way call of a method that takes no argument.</summary>
    public static ValueTask PostAsync(this IActorRuntime runtime, ActorId id, string method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.PostAsync<object?>(id, method, null, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask Ignore(ValueTask<object?> call) => await call;
}
