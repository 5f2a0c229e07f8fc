using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Forwards calls to a real runtime and records the argument of each. It can hold calls until released, fail a call
/// by number, and carry arguments and results as JSON written with <see cref="ActorJson.Options"/>, as the Dapr adapter does.</summary>
public sealed class RecordingActorRuntime(IActorRuntime inner, bool held = false, bool crossAsJson = false) : IActorRuntime
{
    private readonly ConcurrentQueue<(string Method, object? Request)> _calls = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <summary>The 1-based number of the call that fails with <see cref="InvalidOperationException"/>; 0 for none.</summary>
    public int FailingCall { get; init; }

    /// <summary>The calls made so far, in order, with the argument as the caller passed it.</summary>
    public IReadOnlyList<(string Method, object? Request)> Calls => [.. _calls];

    public bool PassesObjects => !crossAsJson;

    public IActorCallsInFlight CallsInFlight => inner.CallsInFlight;

    public DateTimeOffset StartedAt => inner.StartedAt;

    public bool IsRegistered(string actorType) => inner.IsRegistered(actorType);

    /// <summary>Lets the held calls through; later calls are not held.</summary>
    public void Release() => _gate.TrySetResult();

    public async ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((method, request));
        var number = Interlocked.Increment(ref _count);
        if (held)
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        if (number == FailingCall)
        {
            throw new InvalidOperationException($"call {number} fails");
        }

        if (!crossAsJson)
        {
            return await inner.InvokeAsync<TRequest, TResult>(id, method, request, cancellationToken);
        }

        var reply = await inner.InvokeAsync<JsonElement, object?>(id, method, JsonSerializer.SerializeToElement(request, ActorJson.Options), cancellationToken);
        return ActorPayload.Read<TResult>(JsonSerializer.SerializeToElement(reply, ActorJson.Options), method);
    }

    public ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The workflow result sink makes no one-way calls; set up a real runtime for this test.");
}
