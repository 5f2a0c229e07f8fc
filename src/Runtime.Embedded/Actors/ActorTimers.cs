using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>The in-memory timers of one activation; each tick is queued as a turn of the actor.</summary>
internal sealed class ActorTimers(ActorActivation activation, TimeProvider time) : IActorTimers
{
    private readonly Lock _gate = new();
    private Dictionary<string, ActorTimerHandle>? _timers;
    private bool _disposed;

    public void Register(string name, TimeSpan dueTime, TimeSpan? period = null, object? state = null)
    {
        ActorNames.ThrowIfInvalid(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer period must be positive.");
        }

        var handle = new ActorTimerHandle(new ActorTimer(name, state));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timers ??= new Dictionary<string, ActorTimerHandle>(StringComparer.Ordinal);
            if (_timers.Remove(name, out var previous))
            {
                previous.Dispose();
            }

            _timers[name] = handle;
            handle.Timer = time.CreateTimer(
                static state =>
                {
                    var (timers, handle) = ((ActorTimers, ActorTimerHandle))state!;
                    timers.OnTick(handle);
                },
                (this, handle),
                dueTime,
                period ?? Timeout.InfiniteTimeSpan);
        }
    }

    public void Unregister(string name)
    {
        lock (_gate)
        {
            if (_timers is not null && _timers.Remove(name, out var handle))
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>True when <paramref name="handle"/> is still registered, so a tick queued before unregistering is skipped.</summary>
    public bool IsCurrent(ActorTimerHandle handle)
    {
        lock (_gate)
        {
            return _timers is not null && _timers.TryGetValue(handle.Delivery.Name, out var current) && ReferenceEquals(current, handle);
        }
    }

    /// <summary>Stops every timer; called when the activation deactivates.</summary>
    public void DisposeAll()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_timers is null)
            {
                return;
            }

            foreach (var handle in _timers.Values)
            {
                handle.Dispose();
            }

            _timers.Clear();
        }
    }

    private void OnTick(ActorTimerHandle handle)
    {
        if (IsCurrent(handle))
        {
            activation.TryEnqueue(new TurnRequest(TurnKind.Timer, null, handle, null, CancellationToken.None));
        }
    }
}
