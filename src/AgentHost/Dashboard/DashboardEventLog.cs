using System.Globalization;
using System.Security.Cryptography;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The last live updates, kept so a reconnecting page resumes from its <c>Last-Event-ID</c>, and the wake-up of
/// streams waiting for the next one.</summary>
/// <remarks>Event ids are <c>{epoch}-{sequence}</c> with an epoch chosen at start, so an id from before a restart, or one
/// older than the log keeps, is recognised as a gap and answered with <see cref="DashboardEvent.Reset"/>.</remarks>
public sealed class DashboardEventLog
{
    /// <summary>How many updates are kept.</summary>
    public const int Capacity = 512;

    private readonly DashboardEvent?[] _events = new DashboardEvent?[Capacity];
    private readonly Lock _gate = new();
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _last;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The sequence of the newest update (0 before the first).</summary>
    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>Appends an update and wakes every waiting stream.</summary>
    public void Append(string type, string data)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            _last++;
            _events[_last % Capacity] = new DashboardEvent(_last, type, data);
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>A task completing at the next <see cref="Append"/>; take it before <see cref="ReadAfter"/> so none is missed.</summary>
    public Task NextAsync()
    {
        lock (_gate)
        {
            return _next.Task;
        }
    }

    /// <summary>The updates after <paramref name="sequence"/>; null when some of them are no longer kept.</summary>
    public IReadOnlyList<DashboardEvent>? ReadAfter(long sequence)
    {
        lock (_gate)
        {
            if (sequence > _last || _last - sequence > Capacity)
            {
                return null;
            }

            var events = new List<DashboardEvent>((int)(_last - sequence));
            for (var s = sequence + 1; s <= _last; s++)
            {
                events.Add(_events[s % Capacity]!);
            }

            return events;
        }
    }

    /// <summary>The wire id of <paramref name="sequence"/>.</summary>
    public string IdOf(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{_epoch}-{sequence}");

    /// <summary>Reads a <c>Last-Event-ID</c>; null when it is not an id of this process.</summary>
    public long? Parse(string? id)
    {
        var prefix = _epoch + "-";
        return id is not null && id.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;
    }
}
