namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>Fault switches that make the double misbehave the ways daprd and real brokers may, so tests can prove the
/// platform copes: each switch arms a count of faults that the next matching operations consume.</summary>
/// <remarks>Sidecar restarts and replica loss are on <see cref="DaprTestCluster"/> itself, because they act at once.</remarks>
public sealed class DaprFaults
{
    private int _duplicateReminderFires;
    private int _redeliveries;
    private int _stateConflicts;
    private volatile string? _refusedTopic;

    /// <summary>The next <paramref name="count"/> reminder fires are delivered twice (at-least-once delivery).</summary>
    public void DuplicateReminderFires(int count = 1) => Arm(ref _duplicateReminderFires, count);

    /// <summary>The next <paramref name="count"/> successfully delivered events are delivered once more.</summary>
    public void RedeliverEvents(int count = 1) => Arm(ref _redeliveries, count);

    /// <summary>The next <paramref name="count"/> conditional state writes (with an ETag or first-write, through the state
    /// API) fail as ETag conflicts without changing anything.</summary>
    public void ConflictStateWrites(int count = 1) => Arm(ref _stateConflicts, count);

    /// <summary>Every publish to <paramref name="topic"/> fails (gRPC <c>Internal</c>, HTTP 500 <c>ERR_PUBSUB_PUBLISH_MESSAGE</c>),
    /// as when the broker is unreachable, until <see cref="Clear"/> or a call with null.</summary>
    public void RefusePublishesTo(string? topic) => _refusedTopic = topic;

    /// <summary>Disarms every switch.</summary>
    public void Clear()
    {
        _refusedTopic = null;
        Interlocked.Exchange(ref _duplicateReminderFires, 0);
        Interlocked.Exchange(ref _redeliveries, 0);
        Interlocked.Exchange(ref _stateConflicts, 0);
    }

    internal bool TryTakeDuplicateReminderFire() => TryTake(ref _duplicateReminderFires);

    internal bool TryTakeRedelivery() => TryTake(ref _redeliveries);

    internal bool TryTakeStateConflict() => TryTake(ref _stateConflicts);

    internal bool RefusesPublishTo(string topic) => _refusedTopic is { } refused && refused == topic;

    private static void Arm(ref int counter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref counter, count);
    }

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
