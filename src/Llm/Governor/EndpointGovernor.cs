namespace AgentPlatform.Llm.Governor;

/// <summary>The pace of one endpoint, shared by every caller in the process: an adaptive concurrency limit (additive increase,
/// multiplicative decrease) and a pause that a 429's <c>Retry-After</c> sets for everyone.</summary>
/// <remarks>A caller waits for a free slot and for the end of any pause before it calls; callers waiting for a slot are let in
/// first come, first served. The limit shrinks at most once per congestion event: a failure of a call that started before the
/// last decrease saw the old limit and does not shrink it again, so a burst of 429s halves the limit once, not once per 429; nor
/// does its success grow the new limit.</remarks>
public sealed class EndpointGovernor
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly LlmGovernorOptions _options;
    private readonly TimeProvider _time;
    private double _limit;
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private long _lastDecrease;

    /// <summary>Creates the governor of one endpoint.</summary>
    public EndpointGovernor(string endpoint, LlmGovernorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = endpoint;
        _options = options;
        _time = time;
        _limit = options.InitialConcurrency;
        _lastDecrease = time.GetTimestamp();
    }

    /// <summary>The endpoint paced.</summary>
    public string Endpoint { get; }

    /// <summary>How many calls may be in flight now.</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return CurrentLimit;
            }
        }
    }

    /// <summary>How many calls are in flight now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Until when every caller waits because of a 429; in the past when there is no pause.</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _pausedUntil;
            }
        }
    }

    private int CurrentLimit => Math.Max(_options.MinConcurrency, (int)Math.Floor(_limit));

    /// <summary>Waits until a call may start (no pause, a free slot) and takes the slot; release it with <see cref="Release"/>.</summary>
    /// <returns>The start timestamp of the call, to pass to <see cref="Release"/>.</returns>
    public async ValueTask<long> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan pause;
            TaskCompletionSource? waiter = null;
            lock (_gate)
            {
                pause = _pausedUntil - _time.GetUtcNow();
                if (pause <= TimeSpan.Zero)
                {
                    // Earlier waiters (and slots given up by cancelled ones) are served before this caller.
                    WakeWaiters();
                    if (_inFlight < CurrentLimit && _waiters.Count == 0)
                    {
                        _inFlight++;
                        return _time.GetTimestamp();
                    }

                    waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters.Enqueue(waiter);
                }
            }

            if (waiter is null)
            {
                await Task.Delay(pause, _time, cancellationToken);
                continue;
            }

            using (cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter))
            {
                try
                {
                    await waiter.Task;
                }
                catch (OperationCanceledException)
                {
                    PassOn();
                    throw;
                }
            }

            lock (_gate)
            {
                // The slot was handed over by Release or PassOn: it is ours unless a pause started meanwhile.
                if (_pausedUntil <= _time.GetUtcNow())
                {
                    return _time.GetTimestamp();
                }

                _inFlight--;
            }
        }
    }

    /// <summary>Gives back the slot of a call that started at <paramref name="startedAt"/> and adapts the pace to how it went.</summary>
    /// <param name="startedAt">What <see cref="AcquireAsync"/> returned.</param>
    /// <param name="failure">Null when the call succeeded; otherwise why it failed.</param>
    /// <param name="cancelled">True when the caller gave up (no signal about the endpoint).</param>
    public void Release(long startedAt, LlmFailure? failure, bool cancelled = false)
    {
        lock (_gate)
        {
            _inFlight--;
            if (!cancelled)
            {
                Adapt(startedAt, failure);
            }

            WakeWaiters();
        }
    }

    /// <summary>Pauses every caller for <paramref name="wait"/> (never shortening a longer pause).</summary>
    public void Pause(TimeSpan wait)
    {
        lock (_gate)
        {
            ExtendPause(wait);
        }
    }

    private void Adapt(long startedAt, LlmFailure? failure)
    {
        switch (failure?.Kind)
        {
            case null when startedAt >= _lastDecrease:
                // Only calls started under the current limit vouch for it; earlier ones say nothing about it.
                _limit = Math.Min(_options.MaxConcurrency, _limit + (_options.AdditiveIncrease / Math.Max(1, _limit)));
                break;
            case LlmFailureKind.RateLimited or LlmFailureKind.TimedOut:
                if (startedAt >= _lastDecrease)
                {
                    _limit = Math.Max(_options.MinConcurrency, _limit * _options.DecreaseFactor);
                    _lastDecrease = _time.GetTimestamp();
                }

                if (failure.RetryAfter is { } wait)
                {
                    ExtendPause(wait);
                }

                break;
        }
    }

    // Called under _gate.
    private void ExtendPause(TimeSpan wait)
    {
        var until = _time.GetUtcNow() + wait;
        if (until > _pausedUntil)
        {
            _pausedUntil = until;
        }
    }

    private void PassOn()
    {
        lock (_gate)
        {
            WakeWaiters();
        }
    }

    // Hands free slots to waiters in arrival order; a waiter handed a slot counts as in flight from here.
    private void WakeWaiters()
    {
        while (_inFlight < CurrentLimit && _waiters.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _inFlight++;
            }
        }
    }
}
