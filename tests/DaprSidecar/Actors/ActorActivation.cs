namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>One live actor: which replica hosts it, its turn lock (one callback at a time), when it was last used and
/// its timers.</summary>
internal sealed class ActorActivation(ActorKey key, int host, DateTimeOffset now)
{
    private readonly Dictionary<string, ActorTimer> _timers = new(StringComparer.Ordinal);
    private long _lastUsedTicks = now.UtcTicks;

    /// <summary>The actor.</summary>
    public ActorKey Key { get; } = key;

    /// <summary>The replica whose app hosts this activation.</summary>
    public int Host { get; } = host;

    /// <summary>Held for the length of each callback to the app.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>Set once the activation ended; a caller that waited for the turn must then activate again.</summary>
    public bool IsDeactivated { get; private set; }

    /// <summary>When the last callback started or ended.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Resets the idle clock.</summary>
    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>Adds or replaces a timer.</summary>
    public void SetTimer(ActorTimer timer)
    {
        lock (_timers)
        {
            if (_timers.Remove(timer.Name, out var previous))
            {
                previous.Dispose();
            }

            if (IsDeactivated)
            {
                timer.Dispose();
                return;
            }

            _timers[timer.Name] = timer;
        }
    }

    /// <summary>Removes a timer; with <paramref name="only"/>, only while that instance is still the registered one.</summary>
    public void RemoveTimer(string name, ActorTimer? only = null)
    {
        lock (_timers)
        {
            if (_timers.TryGetValue(name, out var timer) && (only is null || ReferenceEquals(timer, only)))
            {
                _timers.Remove(name);
                timer.Dispose();
            }
        }
    }

    /// <summary>Ends the activation: its timers stop.</summary>
    public void Deactivate()
    {
        lock (_timers)
        {
            IsDeactivated = true;
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }
}
