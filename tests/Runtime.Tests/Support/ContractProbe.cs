using System.Collections.Concurrent;
using System.Threading.Channels;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>What the <see cref="ContractActor"/>s of one test observed: overlapping turns, meetings and reminder fires.</summary>
public sealed class ContractProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivals = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _turns;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Turns => Volatile.Read(ref _turns);

    public Channel<ContractReminderFire> Fires { get; } = Channel.CreateUnbounded<ContractReminderFire>();

    public void Enter()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }
    }

    public void Exit()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _turns);
    }

    /// <summary>Marks <paramref name="key"/> as arrived and waits until <paramref name="other"/> has arrived too.</summary>
    public Task MeetAsync(string key, string other, CancellationToken cancellationToken)
    {
        Arrival(key).TrySetResult();
        return Arrival(other).Task.WaitAsync(cancellationToken);
    }

    /// <summary>Marks <paramref name="key"/> as arrived, releasing whoever meets it.</summary>
    public void Arrive(string key) => Arrival(key).TrySetResult();

    /// <summary>Completes once <paramref name="key"/> has arrived.</summary>
    public Task Arrived(string key) => Arrival(key).Task;

    private TaskCompletionSource Arrival(string key) =>
        _arrivals.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
