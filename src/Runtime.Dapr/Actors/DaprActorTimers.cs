using System.Text;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The in-memory timers of one activation on Dapr actor timers; registrations made during a turn reach the sidecar
/// when the turn ends, and the timer's state object stays here (only its name travels).</summary>
internal sealed class DaprActorTimers : IActorTimers
{
    private static readonly TimeSpan Once = Timeout.InfiniteTimeSpan;

    private readonly Dictionary<string, TimerEntry> _timers = new(StringComparer.Ordinal);
    private readonly List<TimerChange> _changes = [];

    /// <inheritdoc/>
    public void Register(string name, TimeSpan dueTime, TimeSpan? period = null, object? state = null)
    {
        ActorNames.ThrowIfInvalid(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period is { } every)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        }

        _timers[name] = new TimerEntry(state, period is not null);
        _changes.Add(new TimerChange(name, dueTime, period ?? Once, Register: true));
    }

    /// <inheritdoc/>
    public void Unregister(string name)
    {
        if (_timers.Remove(name))
        {
            _changes.Add(new TimerChange(name, TimeSpan.Zero, Once, Register: false));
        }
    }

    /// <summary>The delivery for the timer whose Dapr data is <paramref name="data"/>, or null when it was unregistered.</summary>
    public ActorTimer? Delivery(byte[] data)
    {
        var name = Encoding.UTF8.GetString(data);
        if (!_timers.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(name);
        }

        return new ActorTimer(name, entry.State);
    }

    /// <summary>Sends the turn's registrations and removals to the sidecar through the shim.</summary>
    public async ValueTask FlushAsync(Func<TimerChange, Task> apply)
    {
        foreach (var change in _changes)
        {
            await apply(change);
        }

        _changes.Clear();
    }

    /// <summary>One registration or removal of a timer, in the order the actor made them.</summary>
    internal readonly record struct TimerChange(string Name, TimeSpan DueTime, TimeSpan Period, bool Register)
    {
        public string DaprName => DaprNameCodec.Encode(Name);

        public byte[] Data => Encoding.UTF8.GetBytes(Name);
    }

    private readonly record struct TimerEntry(object? State, bool Periodic);
}
