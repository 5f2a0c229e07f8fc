using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Tests.Tools;

/// <summary>Passes every actor call on to the real runtime and records the calls of one actor type by method.</summary>
internal sealed class RecordingActorRuntime(IActorRuntime inner, string actorType) : IActorRuntime
{
    private readonly List<string> _calls = [];

    public bool PassesObjects => inner.PassesObjects;

    public IActorCallsInFlight CallsInFlight => inner.CallsInFlight;

    public DateTimeOffset StartedAt => inner.StartedAt;

    /// <summary>The methods called on actors of the recorded type since the last <see cref="Clear"/>, in call order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Clear()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    public ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        Record(id, method);
        return inner.InvokeAsync<TRequest, TResult>(id, method, request, cancellationToken);
    }

    public ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        Record(id, method);
        return inner.PostAsync(id, method, request, cancellationToken);
    }

    public bool IsRegistered(string actorType) => inner.IsRegistered(actorType);

    private void Record(ActorId id, string method)
    {
        if (id.Type == actorType)
        {
            lock (_calls)
            {
                _calls.Add(method);
            }
        }
    }
}
