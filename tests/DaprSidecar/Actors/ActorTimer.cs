using AgentPlatform.DaprSidecar.Durations;

namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>A timer of one activation: in memory only, gone when the actor deactivates or moves.</summary>
internal sealed class ActorTimer : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    public ActorTimer(string name, string callbackBody, DateTimeOffset firstFire, DaprPeriod? period, DateTimeOffset? expiresAt)
    {
        Name = name;
        CallbackBody = callbackBody;
        FirstFire = firstFire;
        Period = period;
        ExpiresAt = expiresAt;
        Stopped = _cancellation.Token;
    }

    /// <summary>The timer name.</summary>
    public string Name { get; }

    /// <summary>The callback body daprd sends: the registration echoed back (callback, data, dueTime, period).</summary>
    public string CallbackBody { get; }

    /// <summary>When it first fires.</summary>
    public DateTimeOffset FirstFire { get; }

    /// <summary>The period, or null for a one-shot.</summary>
    public DaprPeriod? Period { get; }

    /// <summary>When the ttl ends it, if any.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Cancelled when the timer is deleted, replaced or its activation ends.</summary>
    public CancellationToken Stopped { get; }

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
