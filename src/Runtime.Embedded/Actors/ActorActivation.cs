using System.Runtime.CompilerServices;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>The mailbox of one actor and, while active, its actor object, state manager and timers.</summary>
/// <remarks>
/// Turns are queued in a small ring buffer and drained by at most one thread-pool work item at a time, which is
/// what makes the actor turn-based. No thread is held while the mailbox is empty. After deactivation the mailbox
/// is retired and removed from the runtime, so a later call creates a fresh activation.
/// </remarks>
internal sealed class ActorActivation : IThreadPoolWorkItem
{
    private const int TurnsPerDrain = 64;

    [ThreadStatic]
    private static bool _draining;

    private readonly EmbeddedActorRuntime _runtime;
    private readonly ActorTypeEntry _type;
    private readonly Lock _gate = new();
    private readonly TurnQueue _queue = new();
    private bool _scheduled;
    private bool _retired;
    private bool _deactivationQueued;
    private int _calls;
    private bool _callEndUncounted;
    private long _lastUsed;
    private Actor? _actor;
    private ActorStateManager? _state;
    private ActorTimers? _timers;
    private ValueTaskAwaiter _pendingTurn;
    private Action? _resumeDrain;

    public ActorActivation(EmbeddedActorRuntime runtime, ActorTypeEntry type, ActorId id)
    {
        _runtime = runtime;
        _type = type;
        Id = id;
        _lastUsed = runtime.Time.GetTimestamp();
    }

    public ActorId Id { get; }

    /// <summary>The calls (invocations and posts) queued for or running in this actor.</summary>
    /// <remarks>Kept per actor under the mailbox lock the queue already takes, so counting adds no shared write to the call path.
    /// A turn's end is counted when the drain next takes the lock, before it looks for the next turn.</remarks>
    public int CallsInFlight => Volatile.Read(ref _calls);

    /// <summary>Queues a turn; false when this mailbox was retired and the caller must look the actor up again.</summary>
    public bool TryEnqueue(in TurnRequest request)
    {
        bool schedule;
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _queue.Enqueue(request);
            if (request.IsCall)
            {
                _calls++;
            }

            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <summary>Queues a deactivation turn when the actor has been idle for its timeout, or always when <paramref name="completion"/> is given.</summary>
    public bool TryQueueDeactivation(long now, TurnCompletion? completion)
    {
        lock (_gate)
        {
            if (_retired || (completion is null && (_deactivationQueued || _queue.Count > 0 || !IsIdle(now))))
            {
                return false;
            }

            _deactivationQueued = true;
        }

        return TryEnqueue(new TurnRequest(TurnKind.Deactivate, null, null, completion, CancellationToken.None));
    }

    void IThreadPoolWorkItem.Execute() => Drain();

    private bool IsIdle(long now) =>
        _runtime.Time.GetElapsedTime(Volatile.Read(ref _lastUsed), now) >= _type.IdleTimeout;

    private void Drain()
    {
        _draining = true;
        try
        {
            DrainBatch();
        }
        finally
        {
            _draining = false;
        }
    }

    private void DrainBatch()
    {
        for (var i = 0; i < TurnsPerDrain; i++)
        {
            TurnRequest request;
            bool idle;
            var callEnded = _callEndUncounted;
            _callEndUncounted = false;
            lock (_gate)
            {
                if (callEnded)
                {
                    _calls--;
                }

                _scheduled = _queue.Count > 0;
                request = _scheduled ? _queue.Dequeue() : default;
                idle = !_scheduled;
            }

            if (callEnded)
            {
                _runtime.CallEnds.Raise();
            }

            if (idle)
            {
                return;
            }

            // The turn ends before the drain takes the lock again, which is where its end is counted.
            _callEndUncounted = request.IsCall;

            var turn = AwaiterOf(RunTurnAsync(request));
            if (!turn.IsCompleted)
            {
                _pendingTurn = turn;
                turn.UnsafeOnCompleted(_resumeDrain ??= ResumeDrain);
                return;
            }

            turn.GetResult();
        }

        // Yield the thread so that one busy actor cannot starve the others.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private static ValueTaskAwaiter AwaiterOf(ValueTask turn) => turn.GetAwaiter();

    private void ResumeDrain()
    {
        var turn = _pendingTurn;
        _pendingTurn = default;
        turn.GetResult();

        // Continue inline only on a pool thread that is not draining another actor (for example a store's
        // asynchronous completion); otherwise that thread belongs to someone else, so continue on the pool.
        if (!_draining && Thread.CurrentThread.IsThreadPoolThread)
        {
            Drain();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Touch() => Volatile.Write(ref _lastUsed, _runtime.Time.GetTimestamp());

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunTurnAsync(TurnRequest request)
    {
        var completion = request.Completion;
        if (completion is not null && !completion.IsPending(request.Generation))
        {
            return;
        }

        var token = request.CancellationToken;
        if (request.Kind == TurnKind.Deactivate)
        {
            await DeactivateAsync(request);
            return;
        }

        if (token.IsCancellationRequested)
        {
            Fail(request, new OperationCanceledException(token));
            return;
        }

        try
        {
            var actor = _actor ?? await ActivateAsync(token);
            object? result = null;
            switch (request.Kind)
            {
                case TurnKind.Invoke:
                case TurnKind.Post:
                    result = await actor.OnInvokeAsync(new ActorCall(request.Method!, request.Payload), token);
                    break;
                case TurnKind.Timer:
                    var timer = (ActorTimerHandle)request.Payload!;
                    if (!_timers!.IsCurrent(timer))
                    {
                        return;
                    }

                    await actor.OnTimerAsync(timer.Delivery, token);
                    break;
                default:
                    await actor.OnReminderAsync((ActorReminder)request.Payload!, token);
                    break;
            }

            var state = _state!;
            if (state.HasPendingChanges)
            {
                await state.CommitTurnAsync();
            }

            state.EndTurn();
            Touch();
            ActorTurnMetrics.Completed(_type.Registration.Type);
            completion?.TryComplete(request.Generation, result);
        }
        catch (Exception error)
        {
            _state?.DiscardTurn();
            ActorTurnMetrics.Failed(_type.Registration.Type);
            Touch();
            Fail(request, error);
        }
    }

    private async ValueTask<Actor> ActivateAsync(CancellationToken cancellationToken)
    {
        var state = new ActorStateManager(Id, _runtime.StateStore, ActorJson.Options);
        var timers = new ActorTimers(this, _runtime.Time);
        var host = new ActorHost(Id, state, timers, _runtime.Reminders, _runtime, _runtime.Time, _runtime.Services);
        var actor = _type.Registration.Factory(host);
        _state = state;
        _timers = timers;
        try
        {
            await actor.OnActivateAsync(cancellationToken);
        }
        catch
        {
            timers.DisposeAll();
            _state = null;
            _timers = null;
            throw;
        }

        _actor = actor;
        Log.ActorActivated(_runtime.Logger, Id);
        return actor;
    }

    private async ValueTask DeactivateAsync(TurnRequest request)
    {
        var forced = request.Completion is not null;
        if (!forced && !IsIdle(_runtime.Time.GetTimestamp()))
        {
            lock (_gate)
            {
                _deactivationQueued = false;
            }

            return;
        }

        if (_actor is { } actor)
        {
            try
            {
                await actor.OnDeactivateAsync(CancellationToken.None);
                if (_state!.HasPendingChanges)
                {
                    await _state.CommitTurnAsync();
                }
            }
            catch (Exception error)
            {
                Log.DeactivationFailed(_runtime.Logger, Id, error);
            }
            finally
            {
                _timers?.DisposeAll();
                _actor = null;
                _state = null;
                _timers = null;
            }

            Log.ActorDeactivated(_runtime.Logger, Id);
        }

        Retire(forced);
        request.Completion?.TryComplete(request.Generation, null);
    }

    private void Retire(bool forced)
    {
        TurnRequest[]? abandoned = null;
        lock (_gate)
        {
            _deactivationQueued = false;
            if (_queue.Count > 0 && !forced)
            {
                // Calls arrived while deactivating: stay, and activate a fresh actor object for them.
                return;
            }

            _retired = true;
            _runtime.Remove(this);
            if (_queue.Count > 0)
            {
                abandoned = new TurnRequest[_queue.Count];
                for (var i = 0; i < abandoned.Length; i++)
                {
                    abandoned[i] = _queue.Dequeue();
                    if (abandoned[i].IsCall)
                    {
                        _calls--;
                    }
                }
            }
        }

        if (abandoned is not null)
        {
            foreach (var request in abandoned)
            {
                Fail(request, new ObjectDisposedException(nameof(EmbeddedActorRuntime), $"The runtime was disposed before actor {Id} handled the call."));
            }

            _runtime.CallEnds.Raise();
        }
    }

    private void Fail(in TurnRequest request, Exception error)
    {
        if (request.Completion is { } completion)
        {
            completion.TryFail(request.Generation, error);
        }
        else if (request.Kind == TurnKind.Timer)
        {
            Log.TimerFailed(_runtime.Logger, Id, ((ActorTimerHandle)request.Payload!).Delivery.Name, error);
        }
        else if (error is not OperationCanceledException)
        {
            Log.PostFailed(_runtime.Logger, Id, request.Method ?? string.Empty, error);
        }
    }
}
