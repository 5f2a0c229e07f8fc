using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A pooled <see cref="TurnCompletion"/> whose caller awaits a <typeparamref name="TResult"/>: the actor's result
/// is handed over as is when it already is one, and read with <see cref="ActorPayload"/> otherwise.</summary>
internal sealed class TurnCompletion<TResult> : TurnCompletion, IValueTaskSource<TResult>
{
    private const int MaxPooled = 4096;
    private static readonly ConcurrentQueue<TurnCompletion<TResult>> Pool = new();
    private static int _pooledCount;

    [ThreadStatic]
    private static TurnCompletion<TResult>? _threadCached;

    private string _method = string.Empty;

    public static TurnCompletion<TResult> Rent(string? method)
    {
        var completion = _threadCached;
        if (completion is not null)
        {
            _threadCached = null;
        }
        else if (Pool.TryDequeue(out completion))
        {
            Interlocked.Decrement(ref _pooledCount);
        }
        else
        {
            completion = new TurnCompletion<TResult>();
        }

        completion._method = method ?? string.Empty;
        return completion;
    }

    public ValueTask<TResult> AsValueTask() => new(this, Version);

    public TResult GetResult(short token)
    {
        try
        {
            return ActorPayload.Read<TResult>(GetUntypedResult(token), _method);
        }
        finally
        {
            Recycle();
        }
    }

    private void Recycle()
    {
        Reset();
        if (_threadCached is null)
        {
            _threadCached = this;
        }
        else if (Interlocked.Increment(ref _pooledCount) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref _pooledCount);
        }
    }
}
