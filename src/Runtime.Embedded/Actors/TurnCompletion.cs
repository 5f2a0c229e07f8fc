using System.Threading.Tasks.Sources;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>A reusable completion of one actor call, so a round trip allocates no Task; the turn completes it with the
/// actor's untyped result and <see cref="TurnCompletion{TResult}"/> hands the caller a typed one.</summary>
/// <remarks>
/// The turn and a cancellation race to complete it; <see cref="_state"/> holds the generation of the call it
/// currently serves (times two) plus a completed bit, so a late completion for an earlier call is ignored.
/// Continuations run synchronously on the thread that completes the turn, which saves a thread-pool hop per call.
/// </remarks>
internal abstract class TurnCompletion
{
    private ManualResetValueTaskSourceCore<object?> _core;
    private long _state;
    private CancellationTokenRegistration _registration;

    /// <summary>The generation of the call this instance currently serves.</summary>
    public long Generation => Volatile.Read(ref _state) >> 1;

    /// <summary>The token the caller awaits with.</summary>
    protected short Version => _core.Version;

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

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>The untyped result (or the actor's exception) of the completed call.</summary>
    protected object? GetUntypedResult(short token) => _core.GetResult(token);

    /// <summary>Readies this instance for the next call; the subclass then returns it to its pool.</summary>
    protected void Reset()
    {
        // Dispose waits for a cancellation callback that is still running, so the next call cannot be failed by it.
        _registration.Dispose();
        _registration = default;
        _core.Reset();
        Volatile.Write(ref _state, ((_state >> 1) + 1) << 1);
    }
}
