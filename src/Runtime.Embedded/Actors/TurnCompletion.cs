using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A pooled, reusable completion of one actor call, so a round trip allocates no Task.</summary>
/// <remarks>
/// The turn and a cancellation race to complete it; <see cref="_state"/> holds the generation of the call it
/// currently serves (times two) plus a completed bit, so a late completion for an earlier call is ignored.
/// Continuations run synchronously on the thread that completes the turn, which saves a thread-pool hop per call.
/// </remarks>
internal sealed class TurnCompletion : IValueTaskSource<object?>
{
    private const int MaxPooled = 4096;
    private static readonly ConcurrentQueue<TurnCompletion> Pool = new();
    private static int _pooledCount;

    [ThreadStatic]
    private static TurnCompletion? _threadCached;

    private ManualResetValueTaskSourceCore<object?> _core;
    private long _state;
    private CancellationTokenRegistration _registration;

    /// <summary>The generation of the call this instance currently serves.</summary>
    public long Generation => Volatile.Read(ref _state) >> 1;

    public static TurnCompletion Rent()
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
            completion = new TurnCompletion();
        }

        return completion;
    }

    public ValueTask<object?> AsValueTask() => new(this, _core.Version);

    /// <summary>Completes the call early with <see cref="OperationCanceledException"/> when <paramref name="token"/> fires.</summary>
    public void Watch(CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _registration = token.UnsafeRegister(
                static (state, cancelled) =>
                {
                    var self = (TurnCompletion)state!;
                    self.TryFail(self.Generation, new OperationCanceledException(cancelled));
                },
                this);
        }
    }

    /// <summary>True while the call of <paramref name="generation"/> has not been completed.</summary>
    public bool IsPending(long generation) => Volatile.Read(ref _state) == generation << 1;

    public bool TryComplete(long generation, object? result)
    {
        if (Interlocked.CompareExchange(ref _state, (generation << 1) | 1, generation << 1) != generation << 1)
        {
            return false;
        }

        _core.SetResult(result);
        return true;
    }

    public bool TryFail(long generation, Exception error)
    {
        if (Interlocked.CompareExchange(ref _state, (generation << 1) | 1, generation << 1) != generation << 1)
        {
            return false;
        }

        _core.SetException(error);
        return true;
    }

    public object? GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Recycle();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Recycle()
    {
        // Dispose waits for a cancellation callback that is still running, so the next call cannot be failed by it.
        _registration.Dispose();
        _registration = default;
        _core.Reset();
        Volatile.Write(ref _state, ((_state >> 1) + 1) << 1);
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
