using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Runtime.Embedded.Reminders;

/// <summary>Durable reminders scheduled on the injected clock and delivered as actor turns.</summary>
/// <remarks>
/// One clock timer is armed for the earliest due reminder, whatever the number of reminders. Reminders are
/// persisted through <see cref="IReminderStore"/> and loaded on first use, so a reminder registered before a
/// restart fires after it (at once when it fell due while the process was down). Delivery is at-least-once:
/// a periodic reminder records its next due time only after the fire was handled, and a one-shot reminder is
/// deleted only then. Fires start once a delivery target is attached with <see cref="StartAsync"/>.
/// </remarks>
public sealed partial class EmbeddedReminderService : IReminderService, IDisposable
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private readonly IReminderStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(ActorId Actor, string Name), ReminderEntry> _entries = [];
    private readonly PriorityQueue<ReminderEntry, long> _queue = new();
    private readonly Lazy<Task> _loaded;
    private Func<ActorId, ActorReminder, CancellationToken, ValueTask>? _deliver;
    private ITimer? _timer;
    private long _armedFor = long.MaxValue;

    /// <summary>Creates the service over <paramref name="store"/>.</summary>
    public EmbeddedReminderService(IReminderStore store, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedReminderService>();
        _loaded = new Lazy<Task>(LoadAsync);
    }

    /// <summary>The number of registered reminders.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Loads persisted reminders and starts delivering fires to <paramref name="deliver"/>, which runs the actor's turn.</summary>
    public async Task StartAsync(Func<ActorId, ActorReminder, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        await _loaded.Value.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _deliver = deliver;
            ArmLocked(_time.GetUtcNow());
        }
    }

    /// <inheritdoc/>
    public async Task RegisterAsync(ActorId actor, ReminderRegistration reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ActorNames.ThrowIfInvalid(actor.Type, nameof(actor));
        ActorNames.ThrowIfInvalid(reminder.Name, nameof(reminder));
        ArgumentOutOfRangeException.ThrowIfLessThan(reminder.DueTime, TimeSpan.Zero, nameof(reminder));
        if (reminder.Period is { } period && period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(reminder), period, "A reminder period must be positive.");
        }

        await _loaded.Value.WaitAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var entry = new ReminderEntry(actor, reminder, now + reminder.DueTime);
        await _store.SaveAsync(new StoredReminder(actor, reminder, entry.NextDue), cancellationToken);
        lock (_gate)
        {
            AddLocked(entry);
            ArmLocked(now);
        }
    }

    /// <inheritdoc/>
    public async Task<ReminderRegistration?> GetAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        await _loaded.Value.WaitAsync(cancellationToken);
        lock (_gate)
        {
            return _entries.TryGetValue((actor, name), out var entry) ? entry.Registration : null;
        }
    }

    /// <inheritdoc/>
    public async Task UnregisterAsync(ActorId actor, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await _loaded.Value.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_entries.Remove((actor, name), out var entry))
            {
                entry.Removed = true;
            }
        }

        await _store.DeleteAsync(actor, name, cancellationToken);
    }

    /// <summary>Stops delivering fires; registrations stay and resume on the next <see cref="StartAsync"/>.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            _deliver = null;
            _timer?.Dispose();
            _timer = null;
            _armedFor = long.MaxValue;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Detach();

    private async Task LoadAsync()
    {
        var stored = await _store.LoadAllAsync(CancellationToken.None);
        lock (_gate)
        {
            foreach (var reminder in stored)
            {
                if (!_entries.ContainsKey((reminder.Actor, reminder.Registration.Name)))
                {
                    AddLocked(new ReminderEntry(reminder.Actor, reminder.Registration, reminder.NextDueTime));
                }
            }
        }

        Log.RemindersLoaded(_logger, stored.Count);
    }

    private void AddLocked(ReminderEntry entry)
    {
        if (_entries.Remove(entry.Key, out var previous))
        {
            previous.Removed = true;
        }

        _entries[entry.Key] = entry;
        _queue.Enqueue(entry, entry.NextDue.UtcTicks);
    }

    private void ArmLocked(DateTimeOffset now)
    {
        while (_queue.TryPeek(out var stale, out var staleDue) && (stale.Removed || stale.NextDue.UtcTicks != staleDue))
        {
            _queue.Dequeue();
        }

        if (_deliver is null || !_queue.TryPeek(out _, out var due))
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _armedFor = long.MaxValue;
            return;
        }

        if (due == _armedFor)
        {
            return;
        }

        _armedFor = due;
        var delay = TimeSpan.FromTicks(Math.Clamp(due - now.UtcTicks, 0, MaxTimerDelay.Ticks));
        _timer ??= _time.CreateTimer(
            static state => ((EmbeddedReminderService)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        List<(ReminderEntry Entry, DateTimeOffset? Next)>? fires = null;
        Func<ActorId, ActorReminder, CancellationToken, ValueTask>? deliver;
        lock (_gate)
        {
            _armedFor = long.MaxValue;
            deliver = _deliver;
            if (deliver is null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_queue.TryPeek(out var entry, out var due) && due <= now.UtcTicks)
            {
                _queue.Dequeue();
                if (entry.Removed || entry.NextDue.UtcTicks != due)
                {
                    continue;
                }

                DateTimeOffset? next = null;
                if (entry.Registration.Period is { } period)
                {
                    var following = entry.NextDue + period;
                    next = following > now ? following : now + period;
                    entry.NextDue = next.Value;
                    _queue.Enqueue(entry, next.Value.UtcTicks);
                }

                (fires ??= []).Add((entry, next));
            }

            ArmLocked(now);
        }

        if (fires is null)
        {
            return;
        }

        // A manual clock fires on the caller's thread, which may carry a synchronization context (a test
        // framework's); the fires' continuations must not be marshalled through it.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            foreach (var (entry, next) in fires)
            {
                _ = FireAsync(deliver, entry, next);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private async Task FireAsync(Func<ActorId, ActorReminder, CancellationToken, ValueTask> deliver, ReminderEntry entry, DateTimeOffset? next)
    {
        try
        {
            await deliver(entry.Actor, entry.Delivery, CancellationToken.None);
        }
        catch (Exception error)
        {
            Log.ReminderFailed(_logger, entry.Actor, entry.Registration.Name, error);
        }

        try
        {
            if (next is { } nextDue)
            {
                if (!entry.Removed)
                {
                    await _store.SaveAsync(new StoredReminder(entry.Actor, entry.Registration, nextDue));
                }

                return;
            }

            bool remove;
            lock (_gate)
            {
                remove = _entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry);
                if (remove)
                {
                    _entries.Remove(entry.Key);
                    entry.Removed = true;
                }
            }

            if (remove)
            {
                await _store.DeleteAsync(entry.Actor, entry.Registration.Name);
            }
        }
        catch (Exception error)
        {
            Log.ReminderPersistFailed(_logger, entry.Actor, entry.Registration.Name, error);
        }
    }
}
